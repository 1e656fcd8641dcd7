/* status.c: the status line at the bottom (see status.h and draw.h). */
#include "config.h"
#include "ui/status.h"
#include "ui/draw.h"
#include "ui/hints.h"
#include "ui/prompt.h"
#include "ui/text.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <stdio.h>
#include <stdlib.h>

char *status_line(const struct ui *u, int width)
{
	if (u->prompt.kind != UI_PROMPT_NONE) {
		char *t = str_inert(u->prompt.buf);
		const char *label = u->prompt.kind == UI_PROMPT_COPY ? u->copy_label : ui_prompt_label(u->prompt.kind);
		char *line = xasprintf("%s%s", label, ui_prompt_edits(u->prompt.kind) ? t : "");
		free(t);
		return line;
	}
	struct engine *e = app_engine(u->app);
	const struct endpoint *ep = engine_endpoint(e);
	const char *conn = app_conn(u->app) == APP_CONNECTED ? "" :
	    app_conn(u->app) == APP_CONNECTING ? " [connecting]" : " [disconnected]";
	struct session *s = app_current_session(u->app);
	const char *notice = s && session_notice(s) ? session_notice(s) : "";
	char sync[64] = "";
	if (app_synced_count(u->app) > 0)
		snprintf(sync, sizeof sync, " [INPUT SYNCHRONIZED (%zu tabs)]", app_synced_count(u->app));
	const char *msg = app_message(u->app)[0] ? app_message(u->app) : notice;
	char *m = str_inert(msg);
	struct buf b;
	buf_init(&b);
	buf_addf(&b, " %s API %s%s%s%s%s%s", ep->display, engine_api_version(e),
	    ep->tls && !ep->tls_verify ? " [TLS NOT VERIFIED]" : "", conn, sync, *m ? " | " : "", m);
	free(m);
	/* The hints that fit whole, in order. */
	struct strv hints = { 0 };
	hints_status(u, &hints);
	int col = text_width(buf_ptr(&b));
	const char *sep = " | ";
	for (size_t i = 0; i < hints.n; i++) {
		int w = text_width(sep) + text_width(hints.v[i]);
		if (col + w > width)
			break;
		buf_addf(&b, "%s%s", sep, hints.v[i]);
		col += w;
		sep = "  ";
	}
	strv_clear(&hints);
	char *line = xstrdup(buf_ptr(&b));
	buf_free(&b);
	return line;
}

void draw_status(const struct ui *u)
{
	struct rect r = u->lay.status;
	char *line = status_line(u, r.w);
	draw_text(r.y, r.x, r.w, line, u->prompt.kind != UI_PROMPT_NONE ? A_BOLD : A_REVERSE, 0);
	free(line);
}
