/* included twice: what it defines depends on MODE */
#ifdef MODE_ONE
#undef WHERE
#define WHERE "one"
#define AREA(w, h) ((w) * (h))
#else
#undef WHERE
#define WHERE "two"
#undef AREA
#define AREA(w, h) ((w) + (h))
#endif
