// libcurl as Swift can use it (Debian: libcurl4-openssl-dev). curl_easy_setopt and
// curl_easy_getinfo are variadic, which Swift cannot call: one typed wrapper each.
#include <curl/curl.h>

static inline CURLcode eventtop_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode eventtop_curl_set_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/// A string option (curl copies it).
static inline CURLcode eventtop_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/// A pointer option: POSTFIELDS (not copied: it must live until the transfer ends), WRITEDATA,
/// HEADERDATA, HTTPHEADER (a curl_slist).
static inline CURLcode eventtop_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*eventtop_curl_data_callback)(char *data, size_t size, size_t count, void *context);

/// WRITEFUNCTION or HEADERFUNCTION.
static inline CURLcode eventtop_curl_set_callback(CURL *handle, CURLoption option, eventtop_curl_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode eventtop_curl_response_code(CURL *handle, long *code) {
    return curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, code);
}
