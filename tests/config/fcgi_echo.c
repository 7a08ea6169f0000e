/* A stand-in for the app, used by nginx_local.sh to check nginx's side of the FastCGI
 * contract without the real pool. Built on the fly by that script (cc ... -lfcgi).
 *
 * Usage: fcgi_echo SOCKET_PATH
 * Listens on a unix socket (mode 0666) and answers every request 200 text/plain with the
 * FastCGI params it received, one NAME=VALUE per line, then BODY_LENGTH=<bytes read>.
 * Some paths (DOCUMENT_URI) behave differently:
 *   /echo-with-request-id  also sets "X-Request-ID: app-<REQUEST_ID>"
 *   /status/404            answers 404 with the body "app 404"
 *   /crash                 exits at once without answering (a worker that died)
 * With the param CAPI_AUTHORIZE_ONLY=1 (nginx's authorization subrequest of an import) it
 * answers as the app would for the key in Authorization: "Bearer deny" 401, "Bearer
 * throttled" 429, "Bearer down" 503, anything else 204.
 */
#include <fcgiapp.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s SOCKET_PATH\n", argv[0]);
        return 2;
    }
    if (FCGX_Init() != 0) {
        fprintf(stderr, "fcgi_echo: FCGX_Init failed\n");
        return 1;
    }
    unlink(argv[1]);
    int fd = FCGX_OpenSocket(argv[1], 64);
    if (fd < 0 || chmod(argv[1], 0666) != 0) {
        perror("fcgi_echo: cannot listen");
        return 1;
    }

    FCGX_Request req;
    FCGX_InitRequest(&req, fd, 0);
    while (FCGX_Accept_r(&req) >= 0) {
        const char *uri = FCGX_GetParam("DOCUMENT_URI", req.envp);
        const char *rid = FCGX_GetParam("REQUEST_ID", req.envp);
        if (uri == NULL) uri = "";
        if (rid == NULL) rid = "";
        if (strcmp(uri, "/crash") == 0) _exit(3);
        const char *authorize_only = FCGX_GetParam("CAPI_AUTHORIZE_ONLY", req.envp);
        if (authorize_only != NULL && strcmp(authorize_only, "1") == 0) {
            const char *key = FCGX_GetParam("HTTP_AUTHORIZATION", req.envp);
            const char *status = "204 No Content";
            if (key != NULL && strcmp(key, "Bearer deny") == 0) status = "401 Unauthorized";
            if (key != NULL && strcmp(key, "Bearer throttled") == 0) status = "429 Too Many Requests";
            if (key != NULL && strcmp(key, "Bearer down") == 0) status = "503 Service Unavailable";
            FCGX_FPrintF(req.out, "Status: %s\r\n\r\n", status);
            FCGX_Finish_r(&req);
            continue;
        }

        char buf[65536];
        long body = 0;
        int n;
        while ((n = FCGX_GetStr(buf, sizeof buf, req.in)) > 0) body += n;

        if (strcmp(uri, "/status/404") == 0) {
            FCGX_FPrintF(req.out, "Status: 404 Not Found\r\nContent-Type: text/plain\r\n\r\napp 404");
            FCGX_Finish_r(&req);
            continue;
        }
        FCGX_FPrintF(req.out, "Status: 200 OK\r\nContent-Type: text/plain\r\n");
        if (strcmp(uri, "/echo-with-request-id") == 0)
            FCGX_FPrintF(req.out, "X-Request-ID: app-%s\r\n", rid);
        FCGX_FPrintF(req.out, "\r\n");
        for (char **p = req.envp; *p != NULL; ++p) FCGX_FPrintF(req.out, "%s\n", *p);
        FCGX_FPrintF(req.out, "BODY_LENGTH=%ld\n", body);
        FCGX_Finish_r(&req);
    }
    return 0;
}
