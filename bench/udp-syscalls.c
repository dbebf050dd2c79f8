// The kernel cost of a fresh UDP socket per DNS query versus one reused socket, without Node: the
// system calls libuv makes (socket, bind to port 0, connect, epoll add, send, recv until EAGAIN,
// epoll del, close) against a responder thread on 127.0.0.1; prints the client thread's CPU per query.
// Not part of the build: cc -O2 -pthread -o /tmp/udp-syscalls bench/udp-syscalls.c && /tmp/udp-syscalls
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

static int server_fd;
static struct sockaddr_in server_addr;

static void *responder(void *arg) {
  (void)arg;
  unsigned char buf[512];
  for (;;) {
    struct sockaddr_in from; socklen_t len = sizeof from;
    ssize_t n = recvfrom(server_fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &len);
    if (n < 12) continue;
    buf[2] |= 0x80; // QR
    sendto(server_fd, buf, n, 0, (struct sockaddr *)&from, len);
  }
  return NULL;
}

static double thread_cpu_us(double *sys) {
  struct rusage ru; getrusage(RUSAGE_THREAD, &ru);
  *sys = ru.ru_stime.tv_sec * 1e6 + ru.ru_stime.tv_usec;
  return ru.ru_utime.tv_sec * 1e6 + ru.ru_utime.tv_usec + *sys;
}

static const unsigned char query[] = {0x12,0x34,1,0,0,1,0,0,0,0,0,1, 1,'n',1,'r',5,'b','e','n','c','h',4,'t','e','s','t',0, 0,1,0,1, 0,0,41,4,0xd0,0,0,0,0,0,0};

static void one(int ep, int fd, int fresh) {
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd}, out;
  if (fresh) epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  send(fd, query, sizeof query, 0);
  epoll_wait(ep, &out, 1, -1);
  unsigned char buf[512];
  recv(fd, buf, sizeof buf, 0);
  recv(fd, buf, sizeof buf, 0); // libuv reads until EAGAIN
  if (fresh) epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 100000;
  server_fd = socket(AF_INET, SOCK_DGRAM, 0);
  server_addr.sin_family = AF_INET; server_addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK); server_addr.sin_port = 0;
  bind(server_fd, (struct sockaddr *)&server_addr, sizeof server_addr);
  socklen_t len = sizeof server_addr; getsockname(server_fd, (struct sockaddr *)&server_addr, &len);
  pthread_t t; pthread_create(&t, NULL, responder, NULL);
  int ep = epoll_create1(0);
  for (int round = 0; round < 3; round++) {
    double sys0, sys1, cpu0, cpu1;
    // One socket for every query (what c-ares does).
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    connect(fd, (struct sockaddr *)&server_addr, sizeof server_addr);
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    cpu0 = thread_cpu_us(&sys0);
    for (int i = 0; i < n; i++) one(ep, fd, 0);
    cpu1 = thread_cpu_us(&sys1);
    double reused = (cpu1 - cpu0) / n, reused_sys = (sys1 - sys0) / n;
    epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL); close(fd);
    // A fresh socket per query, as Node's dgram does it: socket, bind port 0, connect, ..., close.
    cpu0 = thread_cpu_us(&sys0);
    for (int i = 0; i < n; i++) {
      int s = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
      struct sockaddr_in any = {.sin_family = AF_INET};
      bind(s, (struct sockaddr *)&any, sizeof any);
      connect(s, (struct sockaddr *)&server_addr, sizeof server_addr);
      one(ep, s, 1);
      close(s);
    }
    cpu1 = thread_cpu_us(&sys1);
    double fresh = (cpu1 - cpu0) / n, fresh_sys = (sys1 - sys0) / n;
    printf("round %d: reused socket %.1f us CPU/query (sys %.1f); fresh socket %.1f us (sys %.1f); fresh-socket extra %.1f us\n", round, reused, reused_sys, fresh, fresh_sys, fresh - reused);
  }
  return 0;
}
