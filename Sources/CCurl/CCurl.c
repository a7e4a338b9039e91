#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    void (*easy_reset)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} curl;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *failure = NULL;
static char failure_text[512];

static void load(void) {
    void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(failure_text, sizeof failure_text, "object storage needs libcurl (Debian: libcurl4): %s", dlerror());
        failure = failure_text;
        return;
    }
#define LOAD(field, name)                                                                                  \
    do {                                                                                                   \
        *(void **)(&curl.field) = dlsym(lib, name);                                                        \
        if (!curl.field) {                                                                                 \
            snprintf(failure_text, sizeof failure_text, "libcurl.so.4 has no %s", name);                  \
            failure = failure_text;                                                                        \
            return;                                                                                        \
        }                                                                                                  \
    } while (0)
    LOAD(global_init, "curl_global_init");
    LOAD(easy_init, "curl_easy_init");
    LOAD(easy_cleanup, "curl_easy_cleanup");
    LOAD(easy_reset, "curl_easy_reset");
    LOAD(easy_perform, "curl_easy_perform");
    LOAD(easy_strerror, "curl_easy_strerror");
    LOAD(easy_setopt, "curl_easy_setopt");
    LOAD(easy_getinfo, "curl_easy_getinfo");
    LOAD(slist_append, "curl_slist_append");
    LOAD(slist_free_all, "curl_slist_free_all");
#undef LOAD
    if (curl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) failure = "curl_global_init failed";
}

const char *eventtop_curl_load(void) {
    pthread_once(&once, load);
    return failure;
}

// The functions below are called only after eventtop_curl_load() returned NULL.
CURL *eventtop_curl_easy_init(void) { return curl.easy_init(); }
void eventtop_curl_easy_cleanup(CURL *handle) { curl.easy_cleanup(handle); }
void eventtop_curl_easy_reset(CURL *handle) { curl.easy_reset(handle); }
CURLcode eventtop_curl_easy_perform(CURL *handle) { return curl.easy_perform(handle); }
const char *eventtop_curl_easy_strerror(CURLcode code) { return curl.easy_strerror(code); }
struct curl_slist *eventtop_curl_slist_append(struct curl_slist *list, const char *line) {
    return curl.slist_append(list, line);
}
void eventtop_curl_slist_free_all(struct curl_slist *list) { curl.slist_free_all(list); }

CURLcode eventtop_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode eventtop_curl_set_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode eventtop_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode eventtop_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode eventtop_curl_set_callback(CURL *handle, CURLoption option, eventtop_curl_data_callback callback) {
    return curl.easy_setopt(handle, option, callback);
}
CURLcode eventtop_curl_response_code(CURL *handle, long *code) {
    return curl.easy_getinfo(handle, CURLINFO_RESPONSE_CODE, code);
}
