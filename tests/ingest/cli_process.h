#pragma once

#include <QString>
#include <QStringList>
#include <sys/types.h>

// Resource limits and the user of a spoor-cli child process.
struct CliLimits
{
    long long maxFileBytes = -1; // RLIMIT_FSIZE, or -1 for none; SIGXFSZ is ignored so writes fail instead
    int userId = -1;             // user and group id to switch to before exec (needs root), or -1
    QString executable;          // a copy of spoor-cli to run instead of the build's, or empty
};

// spoor-cli run as a child process, with its stdout and stderr written to files. Tests use it where an
// in-process run cannot work: to kill the import, or to limit the file size or to measure peak memory.
class CliProcess
{
public:
    using Limits = CliLimits;

    struct Result
    {
        int exitCode = -1;      // -1 when a signal ended the process
        int signal = 0;         // the signal that ended it, or 0
        long maxResidentKb = 0; // peak resident memory, from wait4's rusage
        QString out;
        QString err;
    };

    // Starts spoor-cli with the arguments. Its stdout and stderr go to `outputPrefix` + ".out" and ".err".
    CliProcess(const QStringList& args, const QString& outputPrefix, Limits limits = {});
    ~CliProcess();
    CliProcess(const CliProcess&) = delete;
    CliProcess& operator=(const CliProcess&) = delete;

    // Sends SIGKILL when the process is still running.
    void kill();

    // Waits for the end of the process and returns how it ended.
    Result wait();

    // Runs spoor-cli to its end.
    static Result run(const QStringList& args, const QString& outputPrefix, Limits limits = {});

private:
    pid_t pid_ = -1;
    QString outPath_;
    QString errPath_;
};
