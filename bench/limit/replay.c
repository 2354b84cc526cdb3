/* bench/limit/replay.c — the floor for SMTP bulk: a minimal blocking GnuTLS client that replays the
 * same SMTP conversation mailhive has (EHLO, STARTTLS with the certificate verified against the test CA,
 * EHLO, AUTH PLAIN, then N x MAIL/RCPT/DATA + message + ".", QUIT) with nothing else in the way:
 * no message building (the message is read once from an .eml file, already CRLF, dot-stuffed here),
 * one socket with TCP_NODELAY, and the most batching RFC 2920 allows: the end of one message and the
 * MAIL/RCPT/DATA of the next go out in one corked write (TLS records of up to 16 KiB), then the four
 * replies are read (a message over 256 KiB is written straight, in full records). Timed from the first MAIL to the last message's 250.
 *
 * build: gcc -O2 -o replay replay.c $(pkg-config --cflags --libs gnutls)
 * usage: replay PORT CAFILE EMLFILE N [FROM TO]     prints: RESULT {"n":N,"ms":...,"rate":...}
 */
#include <arpa/inet.h>
#include <errno.h>
#include <gnutls/gnutls.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int fd = -1;
static gnutls_session_t tls = NULL;
static char rbuf[65536];
static size_t rlen = 0, rpos = 0;

static void die(const char *what, const char *detail) {
  fprintf(stderr, "replay: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
  exit(1);
}

static void fill(void) {
  if (rpos == rlen) rpos = rlen = 0;
  if (rlen == sizeof rbuf) die("reply line too long", NULL);
  ssize_t n;
  if (tls) {
    do n = gnutls_record_recv(tls, rbuf + rlen, sizeof rbuf - rlen);
    while (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED);
    if (n < 0) die("TLS receive", gnutls_strerror((int)n));
  } else {
    do n = recv(fd, rbuf + rlen, sizeof rbuf - rlen, 0);
    while (n < 0 && errno == EINTR);
    if (n < 0) die("receive", strerror(errno));
  }
  if (n == 0) die("connection closed by server", NULL);
  rlen += (size_t)n;
}

/* Reads one (possibly multi-line) reply; returns its code; dies unless it starts with `want`. */
static int reply(char want) {
  for (;;) {
    char *nl;
    while (!(nl = memchr(rbuf + rpos, '\n', rlen - rpos))) fill();
    char *line = rbuf + rpos;
    size_t len = (size_t)(nl - line) + 1;
    rpos += len;
    if (len >= 4 && line[3] == '-') continue;
    if (line[0] != want) { line[len - 1] = 0; die("unexpected reply", line); }
    return atoi(line);
  }
}

static void put(const char *p, size_t n) {
  while (n) {
    ssize_t w;
    if (tls) {
      w = gnutls_record_send(tls, p, n);
      if (w == GNUTLS_E_AGAIN || w == GNUTLS_E_INTERRUPTED) continue;
      if (w < 0) die("TLS send", gnutls_strerror((int)w));
    } else {
      w = send(fd, p, n, MSG_NOSIGNAL);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) die("send", strerror(errno));
    }
    p += w; n -= (size_t)w;
  }
}
static void puts_(const char *s) { put(s, strlen(s)); }

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
  if (argc < 5) die("usage: replay PORT CAFILE EMLFILE N [FROM TO]", NULL);
  int port = atoi(argv[1]), n = atoi(argv[4]);
  const char *from = argc > 5 ? argv[5] : "bench@localhost", *to = argc > 6 ? argv[6] : "discard@example.com";

  /* The message, dot-stuffed, ending in CRLF, followed by ".\r\n". */
  FILE *f = fopen(argv[3], "rb");
  if (!f) die("cannot open", argv[3]);
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *raw = malloc((size_t)size + 1), *msg = malloc((size_t)size * 2 + 8);
  if (fread(raw, 1, (size_t)size, f) != (size_t)size) die("cannot read", argv[3]);
  fclose(f);
  size_t m = 0;
  for (long i = 0; i < size; i++) {
    if (raw[i] == '.' && (i == 0 || raw[i - 1] == '\n')) msg[m++] = '.';
    msg[m++] = raw[i];
  }
  if (m < 2 || msg[m - 2] != '\r' || msg[m - 1] != '\n') { msg[m++] = '\r'; msg[m++] = '\n'; }
  memcpy(msg + m, ".\r\n", 3);
  m += 3;

  char envelope[1024];
  snprintf(envelope, sizeof envelope, "MAIL FROM:<%s>\r\nRCPT TO:<%s>\r\nDATA\r\n", from, to);

  fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
  inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) die("connect", strerror(errno));
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

  reply('2');
  puts_("EHLO replay.localhost\r\n");
  reply('2');
  puts_("STARTTLS\r\n");
  reply('2');

  gnutls_certificate_credentials_t cred;
  gnutls_certificate_allocate_credentials(&cred);
  if (gnutls_certificate_set_x509_trust_file(cred, argv[2], GNUTLS_X509_FMT_PEM) <= 0) die("cannot load CA", argv[2]);
  gnutls_init(&tls, GNUTLS_CLIENT);
  gnutls_set_default_priority(tls);
  gnutls_credentials_set(tls, GNUTLS_CRD_CERTIFICATE, cred);
  gnutls_server_name_set(tls, GNUTLS_NAME_DNS, "localhost", 9);
  gnutls_session_set_verify_cert(tls, "localhost", 0);
  gnutls_transport_set_int(tls, fd);
  int r;
  do r = gnutls_handshake(tls); while (r < 0 && !gnutls_error_is_fatal(r));
  if (r < 0) die("TLS handshake", gnutls_strerror(r));

  puts_("EHLO replay.localhost\r\n");
  reply('2');
  puts_("AUTH PLAIN AHRlc3QAc2VjcmV0\r\n"); /* \0test\0secret */
  reply('2');

  double t0 = now_ms();
  puts_(envelope);
  reply('2'); reply('2'); reply('3');
  for (int i = 0; i < n; i++) {
    if (m > 262144) { /* a big message: straight out in full 16 KiB records, no copy into the cork buffer */
      put(msg, m);
      if (i + 1 < n) puts_(envelope);
    } else {
      gnutls_record_cork(tls);
      put(msg, m);
      if (i + 1 < n) puts_(envelope);
      do r = gnutls_record_uncork(tls, GNUTLS_RECORD_WAIT); while (r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED);
      if (r < 0) die("TLS send", gnutls_strerror(r));
    }
    reply('2');
    if (i + 1 < n) { reply('2'); reply('2'); reply('3'); }
  }
  double ms = now_ms() - t0;
  puts_("QUIT\r\n");
  reply('2');
  gnutls_bye(tls, GNUTLS_SHUT_WR);
  close(fd);
  printf("RESULT {\"n\":%d,\"ms\":%.3f,\"rate\":%.3f,\"bytesPerMessage\":%zu}\n", n, ms, n / (ms / 1000.0), m);
  return 0;
}
