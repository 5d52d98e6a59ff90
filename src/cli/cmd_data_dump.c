/*
 * cmd_data_dump.c - the file formats of gdb's dump and restore beside raw binary, written and
 * read as GNU BFD does: Intel hex (ihex), Motorola S-records (srec), Tektronix extended hex
 * (tekhex), and Verilog hex (verilog: written only, as in gdb). restore reads any of them
 * (or binary) back into the program's memory.
 *
 *   restore FILE [binary] [OFFSET [START [END]]]
 *
 * Owns: the formats and the restore command. Must not: call another command group.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_data.h"

static const char hexd[] = "0123456789ABCDEF";

/* The most a tekhex section may claim (its bytes are allocated). */
#define DUMP_RESTORE_MAX (1ull << 30)

static void put_hex(FILE *f, unsigned v)
{
	fputc(hexd[(v >> 4) & 0xf], f);
	fputc(hexd[v & 0xf], f);
}

/* ---- Intel hex: ":LLAAAATT<data>CC" lines of at most 16 bytes */

static void ihex_record(FILE *f, unsigned len, unsigned addr, unsigned type, const unsigned char *d)
{
	unsigned sum = len + (addr >> 8) + (addr & 0xff) + type;

	fputc(':', f);
	put_hex(f, len);
	put_hex(f, addr >> 8);
	put_hex(f, addr & 0xff);
	put_hex(f, type);
	for (unsigned i = 0; i < len; i++) {
		put_hex(f, d[i]);
		sum += d[i];
	}
	put_hex(f, (0x100 - (sum & 0xff)) & 0xff);
	fputs("\r\n", f);
}

static int ihex_write(struct cli *c, FILE *f, const unsigned char *p, size_t count, uint64_t where)
{
	uint64_t segbase = 0, extbase = 0;
	unsigned char a[2];

	while (count > 0) {
		size_t now = count > 16 ? 16 : count;

		if (where > segbase + extbase + 0xffff) {
			if (where <= 0xfffff) {
				segbase = where & 0xf0000;
				a[0] = (unsigned char)(segbase >> 12),
				a[1] = (unsigned char)(segbase >> 4);
				ihex_record(f, 2, 0, 2, a);
			} else {
				if (segbase) {
					a[0] = a[1] = 0;
					ihex_record(f, 2, 0, 2, a);
					segbase = 0;
				}
				extbase = where & 0xffff0000u;
				if (where > 0xffffffffu)
					return cli_error(c,
							 "address 0x%" PRIx64 " out of range for "
							 "Intel Hex file",
							 where);
				a[0] = (unsigned char)(extbase >> 24),
				a[1] = (unsigned char)(extbase >> 16);
				ihex_record(f, 2, 0, 4, a);
			}
		}
		uint64_t rec = where - (extbase + segbase);
		if (rec + now > 0xffff)
			now = (size_t)(0x10000 - rec);
		ihex_record(f, (unsigned)now, (unsigned)rec, 0, p);
		where += now, p += now, count -= now;
	}
	ihex_record(f, 0, 0, 1, NULL);
	return 0;
}

/* ---- S-records: "S<t>LL<address><data>CC", S1/S2/S3 by the highest address */

static void srec_record(FILE *f, int type, uint64_t addr, const unsigned char *d, size_t len)
{
	int abytes = type == 0 || type == 1 || type == 9 ? 2 : type == 2 || type == 8 ? 3 : 4;
	unsigned sum = (unsigned)(len + (size_t)abytes + 1);

	fputc('S', f);
	fputc('0' + type, f);
	put_hex(f, sum);
	for (int i = abytes - 1; i >= 0; i--) {
		put_hex(f, (unsigned)(addr >> (8 * i)) & 0xff);
		sum += (unsigned)(addr >> (8 * i)) & 0xff;
	}
	for (size_t i = 0; i < len; i++) {
		put_hex(f, d[i]);
		sum += d[i];
	}
	put_hex(f, ~sum & 0xff);
	fputs("\r\n", f);
}

static int srec_write(struct cli *c, FILE *f, const char *path, const unsigned char *p,
		      size_t count, uint64_t where)
{
	uint64_t last = where + (count ? count - 1 : 0);
	int type = last <= 0xffff ? 1 : last <= 0xffffff ? 2 : 3;
	size_t n = strlen(path);

	if (last > 0xffffffffu)
		return cli_error(c, "address 0x%" PRIx64 " out of range for S-records", last);
	srec_record(f, 0, 0, (const unsigned char *)path, n > 40 ? 40 : n);
	for (size_t off = 0; off < count; off += 16)
		srec_record(f, type, where + off, p + off, count - off > 16 ? 16 : count - off);
	srec_record(f, 10 - type, 0, NULL, 0);
	return 0;
}

/* ---- Tektronix extended hex: "%LLTCC<fields>"; data records of 32 bytes at 32-byte
 * boundaries, a section record naming the range, the terminator */

static int tek_value(int ch)
{
	return ch >= '0' && ch <= '9' ? ch - '0' :
	       ch >= 'A' && ch <= 'Z' ? ch - 'A' + 10 :
	       ch == '$'              ? 36 :
	       ch == '%'              ? 37 :
	       ch == '.'              ? 38 :
	       ch == '_'              ? 39 :
	       ch >= 'a' && ch <= 'z' ? ch - 'a' + 40 :
					-1;
}

static void tek_record(FILE *f, int type, const char *body, size_t n)
{
	char front[6] = { '%', hexd[((n + 5) >> 4) & 0xf], hexd[(n + 5) & 0xf], (char)type };
	int sum = tek_value(front[1]) + tek_value(front[2]) + tek_value(front[3]);

	for (size_t i = 0; i < n; i++)
		sum += tek_value((unsigned char)body[i]);
	front[4] = hexd[(sum >> 4) & 0xf];
	front[5] = hexd[sum & 0xf];
	fwrite(front, 1, 6, f);
	fwrite(body, 1, n, f);
	fputc('\n', f);
}

/* A number as tekhex writes one: its digit count (0 for 16), then the digits. */
static size_t tek_number(char *out, uint64_t v)
{
	int len = 16;
	size_t k = 0;

	while (len > 1 && !((v >> (4 * (len - 1))) & 0xf))
		len--;
	out[k++] = hexd[len & 0xf];
	for (int i = len - 1; i >= 0; i--)
		out[k++] = hexd[(v >> (4 * i)) & 0xf];
	return k;
}

static int tekhex_write(FILE *f, const unsigned char *p, size_t count, uint64_t where)
{
	char body[128];
	size_t k;

	for (uint64_t at = where & ~31ull; at < where + count; at += 32) {
		bool any = false; /* BFD leaves out a block of zeros */
		for (uint64_t a = at; a < at + 32; a++)
			any = any || (a >= where && a < where + count && p[a - where]);
		if (!any)
			continue;
		k = tek_number(body, at);
		for (uint64_t a = at; a < at + 32; a++)
			k += (size_t)snprintf(body + k, 3, "%02X",
					      a >= where && a < where + count ? p[a - where] : 0);
		tek_record(f, '6', body, k);
	}
	k = (size_t)snprintf(body, sizeof(body), "7.newsec1");
	k += tek_number(body + k, where);
	k += tek_number(body + k, where + count);
	tek_record(f, '3', body, k);
	fputs("%0781010\n", f);
	return 0;
}

/* ---- Verilog: "@ADDRESS" then the bytes, sixteen a line */

static int verilog_write(FILE *f, const unsigned char *p, size_t count, uint64_t where)
{
	fprintf(f, "@%08" PRIX64 "\r\n", where);
	for (size_t i = 0; i < count; i++)
		fprintf(f, "%02X%s", p[i], i + 1 == count || i % 16 == 15 ? "\r\n" : " ");
	return 0;
}

int data_dump_format(struct cli *c, const char *path, const char *fmt, const unsigned char *buf,
		     size_t len, uint64_t vaddr)
{
	FILE *f = fopen(path, "wb");
	int r;

	if (!f)
		return cli_error(c, "%s: %s.", path, strerror(errno));
	if (!strcmp(fmt, "ihex"))
		r = ihex_write(c, f, buf, len, vaddr);
	else if (!strcmp(fmt, "srec"))
		r = srec_write(c, f, path, buf, len, vaddr);
	else if (!strcmp(fmt, "tekhex"))
		r = tekhex_write(f, buf, len, vaddr);
	else
		r = verilog_write(f, buf, len, vaddr);
	if (fclose(f) != 0 && r == 0)
		return cli_error(c, "cannot write %s: %s", path, strerror(errno));
	return r;
}

/* ---- restore */

/* A section read back: [vma, vma + size) and its bytes. */
struct rsec {
	char name[32];
	uint64_t vma;
	size_t size;
	unsigned char *data;
};

struct rfile {
	struct rsec *s;
	int n;
};

static void rfile_free(struct rfile *rf)
{
	for (int i = 0; i < rf->n; i++)
		free(rf->s[i].data);
	free(rf->s);
}

/* Append bytes at addr: to the last section when they follow it, else a new .secN. */
static int rfile_add(struct rfile *rf, uint64_t addr, const unsigned char *d, size_t n)
{
	struct rsec *s = rf->n ? &rf->s[rf->n - 1] : NULL;

	if (!s || s->vma + s->size != addr) {
		struct rsec *ns = realloc(rf->s, (size_t)(rf->n + 1) * sizeof(*ns));
		if (!ns)
			return -1;
		rf->s = ns;
		s = &rf->s[rf->n++];
		memset(s, 0, sizeof(*s));
		snprintf(s->name, sizeof(s->name), ".sec%d", rf->n);
		s->vma = addr;
	}
	unsigned char *nd = realloc(s->data, s->size + n + 1);
	if (!nd)
		return -1;
	s->data = nd;
	memcpy(s->data + s->size, d, n);
	s->size += n;
	return 0;
}

static int hexval(int ch)
{
	return ch >= '0' && ch <= '9' ? ch - '0' :
	       ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 :
	       ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 :
					-1;
}

/* n bytes of hex digits at s into out; false when they are not. */
static bool unhex(const char *s, unsigned char *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int h = hexval((unsigned char)s[2 * i]),
		    l = h < 0 ? -1 : hexval((unsigned char)s[2 * i + 1]);
		if (l < 0)
			return false;
		out[i] = (unsigned char)(h << 4 | l);
	}
	return true;
}

static int read_ihex(FILE *f, struct rfile *rf)
{
	char line[600];
	unsigned char b[260];
	uint64_t base = 0;

	while (fgets(line, sizeof(line), f)) {
		if (line[0] != ':')
			continue;
		if (!unhex(line + 1, b, 1) || !unhex(line + 1, b, (size_t)b[0] + 5))
			return -1;
		unsigned len = b[0], addr = (unsigned)b[1] << 8 | b[2], type = b[3];
		if (type == 1)
			break;
		if (type == 2 && len == 2)
			base = ((uint64_t)b[4] << 8 | b[5]) << 4;
		else if (type == 4 && len == 2)
			base = ((uint64_t)b[4] << 8 | b[5]) << 16;
		else if (type == 0 && rfile_add(rf, base + addr, b + 4, len) < 0)
			return -1;
	}
	return 0;
}

static int read_srec(FILE *f, struct rfile *rf)
{
	char line[600];
	unsigned char b[260];

	while (fgets(line, sizeof(line), f)) {
		if (line[0] != 'S' || line[1] < '1' || line[1] > '3')
			continue;
		int abytes = line[1] - '0' + 1;
		if (!unhex(line + 2, b, 1) || b[0] < abytes + 1 ||
		    !unhex(line + 2, b, (size_t)b[0] + 1))
			return -1;
		uint64_t addr = 0;
		for (int i = 0; i < abytes; i++)
			addr = addr << 8 | b[1 + i];
		if (rfile_add(rf, addr, b + 1 + abytes, (size_t)b[0] - (size_t)abytes - 1) < 0)
			return -1;
	}
	return 0;
}

/* A tekhex number at *s (digit count, 0 for 16, then the digits). */
static bool tek_get(const char **s, uint64_t *v)
{
	int n = hexval((unsigned char)**s);

	if (n < 0)
		return false;
	n = n ? n : 16;
	*v = 0;
	for (int i = 1; i <= n; i++) {
		int d = hexval((unsigned char)(*s)[i]);
		if (d < 0)
			return false;
		*v = *v << 4 | (uint64_t)d;
	}
	*s += n + 1;
	return true;
}

/* Tekhex: the data records make an image; each section record picks its range from it. */
static int read_tekhex(FILE *f, struct rfile *rf)
{
	char line[600];
	struct rfile img = { 0 };
	int r = 0;

	while (r == 0 && fgets(line, sizeof(line), f)) {
		const char *s = line + 6;
		uint64_t a, e;
		unsigned char b[256];

		if (line[0] != '%' || strlen(line) < 6)
			continue;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[3] == '8')
			break;
		if (line[3] == '6') {
			size_t n;
			if (!tek_get(&s, &a) || (n = strlen(s) / 2) > sizeof(b) ||
			    !unhex(s, b, n) || rfile_add(&img, a, b, n) < 0)
				r = -1;
		} else if (line[3] == '3') {
			int nl = hexval((unsigned char)*s);
			char name[17];
			nl = nl < 0 ? -1 : nl ? nl : 16;
			if (nl < 0 || (int)strlen(s + 1) < nl) {
				r = -1;
				break;
			}
			snprintf(name, sizeof(name), "%.*s", nl, s + 1);
			s += nl + 1;
			while (r == 0 && *s == '1') {
				s++;
				if (!tek_get(&s, &a) || !tek_get(&s, &e) || e < a) {
					r = -1;
					break;
				}
				/* [a, e) from the image; what no record gave is zero (BFD) */
				if (e - a > DUMP_RESTORE_MAX) {
					r = -1;
					break;
				}
				unsigned char *sec = calloc(1, (size_t)(e - a) + 1);
				if (!sec) {
					r = -1;
					break;
				}
				for (int k = 0; k < img.n; k++) {
					uint64_t lo = img.s[k].vma > a ? img.s[k].vma : a;
					uint64_t hi = img.s[k].vma + img.s[k].size < e ?
							      img.s[k].vma + img.s[k].size :
							      e;
					if (lo < hi)
						memcpy(sec + (lo - a),
						       img.s[k].data + (lo - img.s[k].vma),
						       (size_t)(hi - lo));
				}
				if (rfile_add(rf, a, sec, (size_t)(e - a)) < 0)
					r = -1;
				else
					snprintf(rf->s[rf->n - 1].name, sizeof(rf->s[0].name), "%s",
						 name);
				free(sec);
			}
		}
	}
	rfile_free(&img);
	return r;
}

/* gdb's restore_binary_file. */
static int restore_binary(struct cli *c, const char *path, uint64_t offset, uint64_t start,
			  uint64_t end)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long len;

	if (!f)
		return cli_error(c, "Failed to open %s: %s.", path, strerror(errno));
	if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0) {
		fclose(f);
		return cli_error(c, "Restore: cannot read %s.", path);
	}
	if (start > 0)
		len -= (long)start;
	if (end > 0 && (long)end < len)
		len = (long)(end - start);
	if (len < 0)
		len = 0;
	printf("Restoring binary file %s into memory (0x%" PRIx64 " to 0x%" PRIx64 ")\n", path,
	       offset + start, offset + start + (uint64_t)len);
	if (!(buf = malloc((size_t)len + 1)) || fseek(f, (long)start, SEEK_SET) != 0 ||
	    fread(buf, 1, (size_t)len, f) != (size_t)len) {
		free(buf);
		fclose(f);
		return cli_error(c, "Failure reading from file \"%s\".", path);
	}
	fclose(f);
	int r = len && cdbg_mem_write(c->p, start + offset, buf, (size_t)len) < 0 ?
			cli_lib_error(c) :
			0;
	free(buf);
	return r;
}

/* gdb's restore_section_callback, for each section of the file. */
static int restore_sections(struct cli *c, const struct rfile *rf, uint64_t offset, uint64_t start,
			    uint64_t end)
{
	for (int i = 0; i < rf->n; i++) {
		const struct rsec *s = &rf->s[i];
		uint64_t sec_end = s->vma + s->size, sec_off = 0, count = s->size;

		if (sec_end <= start || (end > 0 && s->vma >= end)) {
			printf("skipping section %s...\n", s->name);
			continue;
		}
		if (s->vma < start)
			sec_off = start - s->vma;
		count -= sec_off;
		if (end > 0 && sec_end > end)
			count -= sec_end - end;
		printf("Restoring section %s (0x%" PRIx64 " to 0x%" PRIx64 ")", s->name, s->vma,
		       sec_end);
		if (offset || start || end)
			printf(" into memory (0x%" PRIx64 " to 0x%" PRIx64 ")\n",
			       s->vma + sec_off + offset, s->vma + sec_off + offset + count);
		else
			printf("\n");
		if (count && cdbg_mem_write(c->p, s->vma + sec_off + offset, s->data + sec_off,
					    (size_t)count) < 0)
			return cli_lib_error(c);
	}
	return 0;
}

int data_cmd_restore(struct cli *c, char *args)
{
	char *path, *w, *rest;
	bool binary = false;
	uint64_t offset = 0, start = 0, end = 0;
	struct rfile rf = { 0 };
	FILE *f;
	int r, ch;

	args = cli_skip_ws(args);
	rtrim(args);
	if (!*args)
		return cli_error(c, "Missing filename.");
	path = args;
	rest = args + strcspn(args, " \t");
	if (*rest)
		*rest++ = '\0';
	rest = cli_skip_ws(rest);
	if (!strncmp(rest, "binary", 6)) {
		binary = true;
		rest = cli_skip_ws(rest + 6);
	}
	char *words[3] = { 0 };
	for (int i = 0; i < 3 && *rest; i++) { /* OFFSET START END, the last takes the rest */
		w = rest;
		if (i < 2) {
			rest += strcspn(rest, " \t");
			if (*rest)
				*rest++ = '\0';
			rest = cli_skip_ws(rest);
		} else {
			rest += strlen(rest);
		}
		words[i] = w;
	}
	if ((words[0] && cli_eval_u64(c, words[0], &offset) < 0) ||
	    (words[1] && cli_eval_u64(c, words[1], &start) < 0) ||
	    (words[2] && cli_eval_u64(c, words[2], &end) < 0))
		return -1;
	if (words[2] && end <= start)
		return cli_error(c, "Start must be less than end.");
	if (!cli_need_live(c))
		return -1;
	if (binary)
		return restore_binary(c, path, offset, start, end);
	if (!(f = fopen(path, "rb")))
		return cli_error(c, "Failed to open %s: %s.", path, strerror(errno));
	ch = fgetc(f);
	rewind(f);
	r = ch == ':' ? read_ihex(f, &rf) :
	    ch == 'S' ? read_srec(f, &rf) :
	    ch == '%' ? read_tekhex(f, &rf) :
			1;
	fclose(f);
	if (r == 0)
		r = restore_sections(c, &rf, offset, start, end);
	else if (r > 0)
		r = cli_error(c, "Failed to open %s: file format not recognized.", path);
	else
		r = cli_error(c, "Failed to read %s: malformed %s.", path,
			      ch == ':' ? "Intel hex" :
			      ch == 'S' ? "S-records" :
					  "Tektronix hex");
	rfile_free(&rf);
	return r;
}
