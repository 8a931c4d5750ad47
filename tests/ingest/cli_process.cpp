#include "cli_process.h"

#include <QFile>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <grp.h>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

QString readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

// Runs in the forked child: only async-signal-safe calls until execv.
[[noreturn]] void execChild(char* const* argv, const char* outPath, const char* errPath, CliProcess::Limits limits)
{
    const int out = ::open(outPath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(errPath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0 || err < 0 || ::dup2(out, STDOUT_FILENO) < 0 || ::dup2(err, STDERR_FILENO) < 0)
        ::_exit(127);
    if (limits.maxFileBytes >= 0) {
        // Ignored SIGXFSZ stays ignored across execv, so a write over the limit fails with EFBIG as on a full disk.
        ::signal(SIGXFSZ, SIG_IGN);
        const auto bytes = static_cast<rlim_t>(limits.maxFileBytes);
        const rlimit limit{bytes, bytes};
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0)
            ::_exit(126);
    }
    if (limits.userId >= 0 && (::setgroups(0, nullptr) != 0 || ::setgid(static_cast<gid_t>(limits.userId)) != 0 ||
                               ::setuid(static_cast<uid_t>(limits.userId)) != 0))
        ::_exit(125);
    ::execv(argv[0], argv);
    ::_exit(127);
}

} // namespace

CliProcess::CliProcess(const QStringList& args, const QString& outputPrefix, Limits limits)
    : outPath_(outputPrefix + QStringLiteral(".out")), errPath_(outputPrefix + QStringLiteral(".err"))
{
    std::vector<std::string> strings{limits.executable.isEmpty() ? std::string(SPOOR_CLI_PATH)
                                                                 : limits.executable.toStdString()};
    for (const QString& arg : args)
        strings.push_back(arg.toStdString());
    std::vector<char*> argv;
    for (std::string& text : strings)
        argv.push_back(text.data());
    argv.push_back(nullptr);
    const std::string outPath = outPath_.toStdString();
    const std::string errPath = errPath_.toStdString();

    pid_ = ::fork();
    if (pid_ < 0)
        throw std::runtime_error("fork failed: errno " + std::to_string(errno));
    if (pid_ == 0)
        execChild(argv.data(), outPath.c_str(), errPath.c_str(), limits);
}

CliProcess::~CliProcess()
{
    if (pid_ > 0) {
        kill();
        wait();
    }
}

void CliProcess::kill()
{
    if (pid_ > 0)
        ::kill(pid_, SIGKILL);
}

CliProcess::Result CliProcess::wait()
{
    Result result;
    int status = 0;
    rusage usage{};
    pid_t waited = -1;
    do {
        waited = ::wait4(pid_, &status, 0, &usage);
    } while (waited < 0 && errno == EINTR);
    pid_ = -1;
    if (waited < 0)
        throw std::runtime_error("wait4 failed: errno " + std::to_string(errno));
    if (WIFEXITED(status))
        result.exitCode = WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        result.signal = WTERMSIG(status);
    result.maxResidentKb = usage.ru_maxrss;
    result.out = readFile(outPath_);
    result.err = readFile(errPath_);
    return result;
}

CliProcess::Result CliProcess::run(const QStringList& args, const QString& outputPrefix, Limits limits)
{
    CliProcess process(args, outputPrefix, limits);
    return process.wait();
}
