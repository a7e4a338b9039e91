#ifndef EVENTTOP_CCURL_H
#define EVENTTOP_CCURL_H

// libcurl as Swift can use it (Debian: libcurl4-openssl-dev for the header, libcurl4 at run time).
// The library is loaded on first use (dlopen of libcurl.so.4), not linked: only object storage
// needs it, and linking it (with the two dozen libraries it pulls in) cost every command ~5 ms of
// CPU at start. curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one
// typed wrapper each.
#include <curl/curl.h>

/// Loads libcurl and calls curl_global_init, once for the process (thread-safe). Returns NULL
/// when it is ready, else a line saying why not.
const char *eventtop_curl_load(void);

CURL *eventtop_curl_easy_init(void);
void eventtop_curl_easy_cleanup(CURL *handle);
void eventtop_curl_easy_reset(CURL *handle);
CURLcode eventtop_curl_easy_perform(CURL *handle);
const char *eventtop_curl_easy_strerror(CURLcode code);
struct curl_slist *eventtop_curl_slist_append(struct curl_slist *list, const char *line);
void eventtop_curl_slist_free_all(struct curl_slist *list);

CURLcode eventtop_curl_set_long(CURL *handle, CURLoption option, long value);
CURLcode eventtop_curl_set_offset(CURL *handle, CURLoption option, curl_off_t value);
/// A string option (curl copies it).
CURLcode eventtop_curl_set_string(CURL *handle, CURLoption option, const char *value);
/// A pointer option: POSTFIELDS (not copied: it must live until the transfer ends), WRITEDATA,
/// HEADERDATA, HTTPHEADER (a curl_slist).
CURLcode eventtop_curl_set_pointer(CURL *handle, CURLoption option, void *value);

typedef size_t (*eventtop_curl_data_callback)(char *data, size_t size, size_t count, void *context);

/// WRITEFUNCTION or HEADERFUNCTION.
CURLcode eventtop_curl_set_callback(CURL *handle, CURLoption option, eventtop_curl_data_callback callback);
CURLcode eventtop_curl_response_code(CURL *handle, long *code);

#endif
