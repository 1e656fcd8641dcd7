/* version.c: `porthole --version`: porthole's version and those of the
 * libraries it runs with, as they report themselves at run time (ncurses,
 * libcurl, cJSON); libvterm has no call for it, so its version is the one
 * configure found. Called by main.c. It includes <curses.h> for
 * curses_version() alone: nothing here draws. */
#include "config.h"
#include "cli/cli.h"
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <curses.h>

void cli_print_version(FILE *out)
{
	const curl_version_info_data *cv = curl_version_info(CURLVERSION_NOW);
	fprintf(out, "porthole %s\n", PACKAGE_VERSION);
	fprintf(out, "  %s\n", curses_version());
	fprintf(out, "  libcurl %s%s%s\n", cv->version, cv->ssl_version ? " " : "",
	    cv->ssl_version ? cv->ssl_version : "");
	fprintf(out, "  cJSON %s\n", cJSON_Version());
	fprintf(out, "  libvterm %s (the version built against)\n", PH_VTERM_VERSION);
}
