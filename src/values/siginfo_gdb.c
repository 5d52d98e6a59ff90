/*
 * siginfo_gdb.c - gdb's type of $_siginfo on x86-64 GNU/Linux (linux-tdep.c builds it the same
 * way), written in C. Not part of the library: the build compiles it with -g into a small
 * shared object that siginfo_blob.S embeds, so that values/siginfo.c can hand out its DWARF
 * like any program type (print, ptype, members, conditions).
 *
 * Owns: the layout and names of gdb's struct siginfo. Must not: hold code or data the library
 * uses at run time (only its debug information is read).
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
