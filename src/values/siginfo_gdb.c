/*
 * siginfo_gdb.c - gdb's type of $_siginfo on x86-64 GNU/Linux (linux-tdep.c builds it the same
 * way), written in C. Not part of the library: the build compiles it with -g into a small
 * shared object that siginfo_blob.S embeds, so that values/siginfo.c can hand out its DWARF
 * like any program type (print, ptype, members, conditions).
 *
 * It also describes gdb's built-in C types (struct cdbg_builtin_types' members), for values
 * made when the program has no such type or there is no program: a string literal is a char
 * array, $_gdb_setting_str a char array, whatever the program declares.
 *
 * Owns: the layout and names of gdb's struct siginfo and of the built-in types. Must not:
 * hold code or data the library uses at run time (only its debug information is read).
 */
typedef int __pid_t;
typedef unsigned int __uid_t;
typedef long __clock_t;

union sigval {
	int sival_int;
	void *sival_ptr;
};
typedef union sigval sigval_t;

struct siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	union {
		int _pad[28];
		struct {
			__pid_t si_pid;
			__uid_t si_uid;
		} _kill;
		struct {
			int si_tid;
			int si_overrun;
			sigval_t si_sigval;
		} _timer;
		struct {
			__pid_t si_pid;
			__uid_t si_uid;
			sigval_t si_sigval;
		} _rt;
		struct {
			__pid_t si_pid;
			__uid_t si_uid;
			int si_status;
			__clock_t si_utime;
			__clock_t si_stime;
		} _sigchld;
		struct {
			void *si_addr;
			short _addr_lsb;
			struct {
				void *_lower;
				void *_upper;
			} _addr_bnd;
		} _sigfault;
		struct {
			long si_band;
			int si_fd;
		} _sigpoll;
		struct {
			void *_call_addr;
			int _syscall;
			unsigned int _arch;
		} _sigsys;
	} _sifields;
};

struct siginfo cdbg_siginfo_gdb;

struct cdbg_builtin_types {
	char c;
	signed char sc;
	unsigned char uc;
	short s;
	unsigned short us;
	int i;
	unsigned int u;
	long l;
	unsigned long ul;
	long long ll;
	unsigned long long ull;
	float f;
	double d;
	long double ld;
	_Bool b;
};

struct cdbg_builtin_types cdbg_builtin_gdb;
