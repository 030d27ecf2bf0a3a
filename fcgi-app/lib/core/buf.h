/* Growing byte buffer with a hard maximum set at creation (after curl's dynbuf): every
 * buffer that holds outside data knows how large it may become. */
#pragma once
#include <stdarg.h>
#include <stddef.h>

struct buf {
    char *data; /* always NUL-terminated when non-NULL; owned by the buf */
    size_t len;
    size_t cap;
    size_t max; /* appends that would pass this fail with -E2BIG */
};

void buf_init(struct buf *b, size_t max);
/* Frees the data and leaves an empty buffer with the same maximum. */
void buf_clear(struct buf *b);
/* Hands the data to the caller (free() it) and leaves the buffer empty. Never NULL on
 * success: an empty buffer gives "". Returns NULL only when out of memory. */
char *buf_steal(struct buf *b, size_t *len_out);

int buf_append(struct buf *b, const void *p, size_t n); /* 0, -E2BIG or -ENOMEM */
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);
