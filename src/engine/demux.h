/* demux.h: the Docker multiplexed-stream decoder (pure, no I/O).
 * A non-TTY exec stream is a series of frames: an 8-byte header (byte 0 the
 * stream: 0 stdin, 1 stdout, 2 stderr, 3 system error; bytes 1-3 zero; bytes
 * 4-7 big-endian payload length) then the payload. demux_feed() takes bytes
 * split anywhere and hands each payload piece to the callback as soon as it
 * arrives (a frame may come out in several pieces); nothing is buffered
 * beyond a partial header. The struct is embedded by its owner. */
#ifndef PH_DEMUX_H
#define PH_DEMUX_H
#include <stddef.h>
#include <stdint.h>

enum demux_stream { DEMUX_STDIN = 0, DEMUX_STDOUT = 1, DEMUX_STDERR = 2, DEMUX_SYSERR = 3 };

struct demux {
	unsigned char hdr[8];
	size_t hdrlen;     /* header bytes collected so far */
	uint32_t remain;   /* payload bytes left in the current frame */
	int stream;        /* stream of the current frame */
	int failed;        /* a bad header was seen; all later input is refused */
	uint64_t frames;   /* complete headers read */
};

typedef void (*demux_cb)(int stream, const char *data, size_t len, void *arg);

void demux_init(struct demux *d);
/* 0, or -1 when a header is invalid (unknown stream byte, nonzero padding):
 * the bytes before it were delivered, the rest is refused. */
int demux_feed(struct demux *d, const char *data, size_t len, demux_cb cb, void *arg);
/* 1 when the input so far ended exactly on a frame boundary. */
int demux_at_boundary(const struct demux *d);

#endif
