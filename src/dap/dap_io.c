/*
 * dap_io.c - DAP's framing: "Content-Length: N\r\n\r\n" then N bytes of JSON. A reader that
 * takes bytes as they come, and hands out whole messages; bad input is dropped with a reason,
 * never trusted (lengths are checked before anything is allocated for them).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "dap.h"

int dap_read_some(struct dap_reader *r, int fd)
{
	if (r->cap - r->len < 65536) {
		size_t cap = r->cap ? r->cap * 2 : 131072;
		char *b = realloc(r->buf, cap);
		if (!b) {
			errno = ENOMEM;
			return -1;
		}
		r->buf = b;
		r->cap = cap;
	}
	ssize_t n;
	do
		n = read(fd, r->buf + r->len, r->cap - r->len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == EAGAIN ? 1 : -1;
	if (n == 0) {
		r->eof = true;
		return 0;
	}
	r->len += (size_t)n;
	return 1;
}

static void consume(struct dap_reader *r, size_t n)
{
	memmove(r->buf, r->buf + n, r->len - n);
	r->len -= n;
	/* a reader that once held a huge message gives the memory back */
	if (r->cap > (1u << 20) && r->len < (1u << 16)) {
		char *b = realloc(r->buf, 131072);
		if (b) {
			r->buf = b;
			r->cap = 131072;
		}
	}
}

/* The end of the header block ("\r\n\r\n"), or NULL. */
static const char *header_end(const struct dap_reader *r)
{
	for (size_t i = 0; i + 3 < r->len; i++)
		if (r->buf[i] == '\r' && r->buf[i + 1] == '\n' && r->buf[i + 2] == '\r' &&
		    r->buf[i + 3] == '\n')
			return r->buf + i;
	return NULL;
}

int dap_next_message(struct dap_reader *r, json_t **msg, const char **why, char *whybuf,
		     size_t whylen)
{
	*msg = NULL;
	*why = NULL;
	const char *end = header_end(r);
	if (!end) {
		if (r->len > 8192) { /* no header is that long */
			snprintf(whybuf, whylen,
				 "the message header has no end (\\r\\n\\r\\n) in its first 8192 "
				 "bytes");
			*why = whybuf;
			r->len = 0;
			return -1;
		}
		return 0;
	}
	size_t hlen = (size_t)(end - r->buf);
	long long length = -1;
	/* header fields, "Name: value" lines; only Content-Length matters */
	for (size_t i = 0; i < hlen;) {
		size_t j = i;
		while (j < hlen && r->buf[j] != '\r')
			j++;
		const char *line = r->buf + i;
		size_t ll = j - i;
		if (ll > 15 && !strncasecmp(line, "Content-Length:", 15)) {
			char num[32];
			size_t k = 15;
			while (k < ll && (line[k] == ' ' || line[k] == '\t'))
				k++;
			size_t nl = ll - k;
			if (nl == 0 || nl >= sizeof(num)) {
				length = -2;
			} else {
				memcpy(num, line + k, nl);
				num[nl] = '\0';
				char *e;
				errno = 0;
				length = strtoll(num, &e, 10);
				if (*e || errno || length < 0)
					length = -2;
			}
		}
		i = j + 2; /* past "\r\n" */
	}
	if (length < 0) {
		snprintf(whybuf, whylen,
			 length == -1 ? "a message header without Content-Length" :
					"a message header whose Content-Length is not a number");
		*why = whybuf;
		consume(r, hlen + 4);
		return 2;
	}
	if ((unsigned long long)length > DAP_MAX_MESSAGE) {
		snprintf(whybuf, whylen,
			 "a message of %lld bytes is larger than the %u bytes accepted; the rest "
			 "of the input cannot be framed",
			 length, DAP_MAX_MESSAGE);
		*why = whybuf;
		r->len = 0;
		return -1;
	}
	if (r->len - hlen - 4 < (size_t)length)
		return 0;
	json_error_t err;
	json_t *j = json_loadb(r->buf + hlen + 4, (size_t)length, JSON_REJECT_DUPLICATES, &err);
	consume(r, hlen + 4 + (size_t)length);
	if (!j) {
		snprintf(whybuf, whylen, "the message is not valid JSON: %s (at byte %d)", err.text,
			 err.position);
		*why = whybuf;
		return 2;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		snprintf(whybuf, whylen, "the message is not a JSON object");
		*why = whybuf;
		return 2;
	}
	*msg = j;
	return 1;
}

void dap_reader_free(struct dap_reader *r)
{
	free(r->buf);
	r->buf = NULL;
	r->len = r->cap = 0;
}
