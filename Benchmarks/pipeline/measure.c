// Runs a command and writes its wall time, CPU time and peak resident set size to a file, as JSON.
//
//   measure REPORT_FILE COMMAND [ARG...]
//
// Why not let the harness (Python) wait for the command itself: on Linux a process's peak RSS survives exec, so a
// command forked from a 60 MB Python process reports at least 60 MB. Forked from this small program instead, the
// command's peak RSS is its own. Standard input, output and error pass through untouched. Exits with the
// command's status.

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval t) { return (double)t.tv_sec + (double)t.tv_usec / 1e6; }

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: measure REPORT_FILE COMMAND [ARG...]\n");
        return 2;
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); return 2; }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status = 0;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) < 0) { perror("wait4"); return 2; }
    clock_gettime(CLOCK_MONOTONIC, &end);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    FILE *report = fopen(argv[1], "w");
    if (!report) { perror(argv[1]); return 2; }
    fprintf(report, "{\"wall\":%.6f,\"user\":%.6f,\"system\":%.6f,\"max_rss_kib\":%ld,\"status\":%d}\n",
            (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9,
            seconds(usage.ru_utime), seconds(usage.ru_stime), usage.ru_maxrss, code);
    fclose(report);
    return code;
}
