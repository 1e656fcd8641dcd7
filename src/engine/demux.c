/* demux.c: the frame decoder of demux.h, called by the exec stream for
 * non-TTY sessions and by the fuzz target. */
#include "config.h"
#include "engine/demux.h"
#include <string.h>

void demux_init(struct demux *d) { memset(d, 0, sizeof *d); }

int demux_at_boundary(const struct demux *d)
{
	return !d->failed && d->hdrlen == 0 && d->remain == 0;
}

int demux_feed(struct demux *d, const char *data, size_t len, demux_cb cb, void *arg)
{
	if (d->failed)
		return -1;
	while (len > 0) {
		if (d->remain == 0) {
			size_t want = 8 - d->hdrlen;
			size_t take = len < want ? len : want;
			memcpy(d->hdr + d->hdrlen, data, take);
			d->hdrlen += take;
			data += take;
			len -= take;
			if (d->hdrlen < 8)
				return 0;
			d->hdrlen = 0;
			if (d->hdr[0] > DEMUX_SYSERR || d->hdr[1] || d->hdr[2] || d->hdr[3]) {
				d->failed = 1;
				return -1;
			}
			d->stream = d->hdr[0];
			d->remain = (uint32_t)d->hdr[4] << 24 | (uint32_t)d->hdr[5] << 16 |
			    (uint32_t)d->hdr[6] << 8 | (uint32_t)d->hdr[7];
			d->frames++;
			continue;
		}
		size_t take = len < d->remain ? len : d->remain;
		cb(d->stream, data, take, arg);
		d->remain -= (uint32_t)take;
		data += take;
		len -= take;
	}
	return 0;
}
