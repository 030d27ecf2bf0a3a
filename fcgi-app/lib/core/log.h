/* One line per event on stderr (journald adds the timestamp under systemd). Only the
 * programs log; library code returns errors and lets its caller log once. */
#pragma once

enum log_level { LOG_LEVEL_ERROR, LOG_LEVEL_WARN, LOG_LEVEL_INFO, LOG_LEVEL_DEBUG };

/* Sets the program name, the minimum level, and whether to prefix an ISO timestamp
 * (off under journald, on when running by hand). */
void log_setup(const char *program, enum log_level min_level, int with_time);
/* `id` is the request or job id ("-" when none). Newlines in the message are escaped so
 * one event stays one line. */
void log_event(enum log_level level, const char *id, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define log_error(id, ...) log_event(LOG_LEVEL_ERROR, id, __VA_ARGS__)
#define log_warn(id, ...)  log_event(LOG_LEVEL_WARN, id, __VA_ARGS__)
#define log_info(id, ...)  log_event(LOG_LEVEL_INFO, id, __VA_ARGS__)
#define log_debug(id, ...) log_event(LOG_LEVEL_DEBUG, id, __VA_ARGS__)
