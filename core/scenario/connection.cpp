#include "scenario/connection.h"

#include "scenario/command_catalog.h"

#include <algorithm>
#include <array>

namespace spoor::scenario {

namespace {

using ecs::TimestampNs;

constexpr TimestampNs microseconds(double value)
{
    return static_cast<TimestampNs>(value * 1e3);
}

constexpr TimestampNs milliseconds(double value)
{
    return static_cast<TimestampNs>(value * 1e6);
}

constexpr TimestampNs seconds(double value)
{
    return static_cast<TimestampNs>(value * 1e9);
}

constexpr User alice{"1000", "alice"};
constexpr User bob{"1001", "bob"};
constexpr User deploy{"1002", "deploy"};

constexpr std::string_view motdCommand =
    "/usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "
    "run-parts --lsbsysinit /etc/update-motd.d > /run/motd.dynamic.new";

// One connection being built: the monitor and its pre-authentication child.
struct Session
{
    EventBuilder& builder;
    std::shared_ptr<const Peer> peer;
    ProcessPtr monitor;
    ProcessPtr preauth;
    bool preauthAlive = true;
};

std::shared_ptr<const Peer> makePeer(Random& random, std::string_view network, int lowHost, int highHost)
{
    auto peer = std::make_shared<Peer>();
    peer->address = std::string(network) + std::to_string(random.integer(lowHost, highHost));
    peer->port = static_cast<int>(random.integer(32768, 60999));
    return peer;
}

Session openSession(EventBuilder& builder, TimestampNs start, std::shared_ptr<const Peer> peer)
{
    Host& host = builder.host();
    Random& random = builder.random();
    builder.accept(host.listener, start, peer);
    const ProcessPtr child = builder.fork(host.listener, start + microseconds(300), rootUser);
    const ProcessPtr monitor = builder.exec(child, start + microseconds(600), host.monitorImage());
    builder.traceMonitor(monitor);
    const ProcessPtr preauth =
        builder.fork(monitor, monitor->start + milliseconds(random.between(5, 20)), host.sshdUser);
    return Session{builder, std::move(peer), monitor, preauth};
}

// Ends the connection at `time`: the pre-authentication child if still running, then the monitor with 255
// (OpenSSH's monitor exits 255 whenever its connection closes), then the disconnect. With `netchildDisconnect`
// the disconnect is attributed to the pre-authentication child and comes first.
void closeSession(Session& session, TimestampNs time, bool netchildDisconnect = false)
{
    EventBuilder& builder = session.builder;
    if (netchildDisconnect) {
        builder.disconnect(session.preauth, time, session.peer);
        time += microseconds(200);
    }
    if (session.preauthAlive) {
        builder.end(session.preauth, time, 255);
        time += microseconds(150);
    }
    builder.end(session.monitor, time, 255);
    if (!netchildDisconnect) {
        builder.disconnect(session.monitor, time + microseconds(250), session.peer);
    }
}

// pam_motd: `sh -c "env -i ... run-parts --lsbsysinit /etc/update-motd.d > /run/motd.dynamic.new"` as a
// direct child of the monitor, running the stock 10-uname script. Returns when the shell has ended.
TimestampNs runMotd(EventBuilder& builder, const ProcessPtr& monitor, TimestampNs time)
{
    const ProcessPtr shell =
        builder.spawn(monitor, time, microseconds(700), rootUser, systemShellImage(std::string(motdCommand)));
    const ProcessPtr envFork = builder.fork(shell, shell->start + milliseconds(1), rootUser);
    const ProcessPtr env = builder.exec(
        envFork, envFork->start + microseconds(300),
        programImage({"/usr/bin/env", "-i", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                      "run-parts", "--lsbsysinit", "/etc/update-motd.d"}));
    const ProcessPtr runParts = builder.exec(env, env->start + microseconds(200),
                                             programImage({"run-parts", "--lsbsysinit", "/etc/update-motd.d"}));
    const ProcessPtr script = builder.spawn(runParts, runParts->start + microseconds(500), microseconds(300), rootUser,
                                            pathImage("/usr/bin/dash", {"/bin/sh", "/etc/update-motd.d/10-uname"}));
    const ProcessPtr uname = builder.spawn(script, script->start + microseconds(400), microseconds(300), rootUser,
                                           programImage({"uname", "-snrvm"}));
    TimestampNs end = uname->start + milliseconds(builder.random().between(1, 3));
    builder.end(uname, end, 0);
    builder.end(script, end += microseconds(400), 0);
    builder.end(runParts, end += microseconds(500), 0);
    builder.end(shell, end += microseconds(500), 0);
    return end;
}

// Successful authentication about 0.14 s after the monitor's exec: the pre-authentication child exits 0,
// pam_motd runs on Debian-like hosts, then the monitor forks the post-authentication child as the user.
ProcessPtr logIn(Session& session, User user)
{
    EventBuilder& builder = session.builder;
    Random& random = builder.random();
    const TimestampNs authenticated = session.monitor->start + milliseconds(random.between(120, 160));
    builder.end(session.preauth, authenticated - milliseconds(random.between(3, 5)), 0);
    session.preauthAlive = false;
    TimestampNs time = authenticated;
    if (builder.host().pamMotd) {
        time = runMotd(builder, session.monitor, authenticated) + milliseconds(random.between(3, 5));
    }
    return builder.fork(session.monitor, time, user);
}

void interactiveLogin(Session& session)
{
    EventBuilder& builder = session.builder;
    Random& random = builder.random();
    const User user = random.chance(0.5) ? alice : bob;
    const ProcessPtr postauth = logIn(session, user);
    const ProcessPtr bash =
        builder.spawn(postauth, postauth->start + milliseconds(2), microseconds(700), user, programImage({"-bash"}));
    TimestampNs time = bash->start;
    const auto count = random.integer(2, 9);
    for (std::int64_t i = 0; i < count; ++i) {
        time += seconds(1.0 + random.exponential(12.0));
        time = builder.runCommand(bash, time, random.pick(interactiveCommands()));
    }
    time += seconds(1.0 + random.exponential(8.0));
    builder.end(bash, time, 0);
    builder.end(postauth, time += milliseconds(2), 0);
    closeSession(session, time + milliseconds(1));
}

// `ssh host CMD`: the post-authentication child runs `bash -c CMD`; the connection stays open at least
// `minimumSeconds` after the monitor's exec.
void remoteCommand(Session& session, const CommandSpec& command, double minimumSeconds)
{
    EventBuilder& builder = session.builder;
    Random& random = builder.random();
    const User user = random.chance(0.8) ? deploy : rootUser;
    const ProcessPtr postauth = logIn(session, user);
    const ProcessPtr shell = builder.spawn(postauth, postauth->start + milliseconds(2), microseconds(600), user,
                                           programImage({"bash", "-c", std::string(command.text)}));
    TimestampNs time = builder.runCommand(shell, shell->start + milliseconds(random.between(5, 20)), command);
    builder.end(shell, time += milliseconds(random.between(10, 50)), command.exitCode);
    time = std::max(time + milliseconds(2), session.monitor->start + seconds(minimumSeconds));
    builder.end(postauth, time, 0);
    closeSession(session, time + milliseconds(1));
}

void sftp(Session& session)
{
    EventBuilder& builder = session.builder;
    Random& random = builder.random();
    const User user = random.chance(0.5) ? alice : deploy;
    const ProcessPtr postauth = logIn(session, user);
    const ProcessPtr server =
        builder.spawn(postauth, postauth->start + milliseconds(2), microseconds(400), user,
                      pathImage("/usr/lib/openssh/sftp-server", {"/usr/lib/openssh/sftp-server"}));
    TimestampNs time = server->start + seconds(random.logUniform(0.05, 40.0));
    builder.end(server, time, 0);
    builder.end(postauth, time += milliseconds(1.5), 0);
    closeSession(session, time + milliseconds(1));
}

// Password authentication: PAM runs unix_chkpwd as a direct child of the monitor, then the client drops.
void chkpwdAbort(Session& session)
{
    EventBuilder& builder = session.builder;
    Random& random = builder.random();
    const User user = random.chance(0.5) ? alice : bob;
    const ProcessPtr chkpwd = builder.spawn(
        session.monitor, session.monitor->start + milliseconds(random.between(80, 200)), microseconds(600), rootUser,
        programImage({"/usr/sbin/unix_chkpwd", std::string(user.name), "chkexpiry"}));
    const TimestampNs time = chkpwd->start + milliseconds(random.between(10, 30));
    builder.end(chkpwd, time, 0);
    closeSession(session, time + milliseconds(random.between(20, 60)));
}

// The backdoor's system() call about 0.5 s after the monitor's exec: `sh -c CMD` as a direct child of the
// monitor, as root, before any authentication.
std::string exploit(Session& session, const CommandSpec& command, bool netchildDisconnect)
{
    EventBuilder& builder = session.builder;
    Random& random = builder.random();
    const TimestampNs time = session.monitor->start + milliseconds(random.between(450, 550));
    const ProcessPtr shell = builder.spawn(session.monitor, time, microseconds(random.between(250, 900)), rootUser,
                                           systemShellImage(std::string(command.text)));
    TimestampNs end = builder.runCommand(shell, shell->start + milliseconds(1), command);
    builder.end(shell, end += microseconds(300), 0);
    closeSession(session, end + microseconds(500), netchildDisconnect);
    return std::string(command.text);
}

std::shared_ptr<const Peer> peerFor(ConnectionKind kind, Random& random)
{
    switch (kind) {
    case ConnectionKind::InteractiveLogin:
    case ConnectionKind::ChkpwdAbort:
        return makePeer(random, "198.51.100.", 10, 40);
    case ConnectionKind::RemoteCommand:
    case ConnectionKind::RemoteCommandSlow:
    case ConnectionKind::Sftp:
        return makePeer(random, "192.0.2.", 10, 20);
    default:
        return makePeer(random, "203.0.113.", 1, 254);
    }
}

} // namespace

std::string_view kindName(ConnectionKind kind)
{
    switch (kind) {
    case ConnectionKind::InteractiveLogin:
        return "interactive_login";
    case ConnectionKind::RemoteCommand:
        return "remote_command";
    case ConnectionKind::RemoteCommandSlow:
        return "remote_command_slow";
    case ConnectionKind::Sftp:
        return "sftp";
    case ConnectionKind::FailedLogin:
        return "failed_login";
    case ConnectionKind::Keyscan:
        return "keyscan";
    case ConnectionKind::ChkpwdAbort:
        return "chkpwd_abort";
    case ConnectionKind::XzExploit:
        return "xz_exploit";
    case ConnectionKind::XzExploitSleep:
        return "xz_exploit_sleep";
    case ConnectionKind::XzExploitNetchild:
        return "xz_exploit_netchild";
    case ConnectionKind::XzExploitNewOpenssh:
        return "xz_exploit_new_openssh";
    case ConnectionKind::WindowsLookalike:
        return "windows_lookalike";
    }
    return "unknown";
}

bool isExploitation(ConnectionKind kind)
{
    return kind == ConnectionKind::XzExploit || kind == ConnectionKind::XzExploitSleep ||
           kind == ConnectionKind::XzExploitNetchild || kind == ConnectionKind::XzExploitNewOpenssh;
}

ConnectionKind drawBenignKind(Random& random)
{
    static constexpr std::array kinds{ConnectionKind::FailedLogin,       ConnectionKind::InteractiveLogin,
                                      ConnectionKind::RemoteCommand,     ConnectionKind::Sftp,
                                      ConnectionKind::RemoteCommandSlow, ConnectionKind::Keyscan,
                                      ConnectionKind::ChkpwdAbort};
    static constexpr std::array<double, kinds.size()> weights{28, 20, 15, 12, 11, 11, 1.5};
    return kinds[random.weighted(weights)];
}

ConnectionResult buildConnection(ConnectionKind kind, EventBuilder& builder, ecs::TimestampNs start)
{
    Random& random = builder.random();
    Session session = openSession(builder, start, peerFor(kind, random));
    ConnectionResult result{session.monitor, {}};
    switch (kind) {
    case ConnectionKind::InteractiveLogin:
        interactiveLogin(session);
        break;
    case ConnectionKind::RemoteCommand:
        remoteCommand(session, random.pick(quickRemoteCommands()), random.between(0.2, 0.6));
        break;
    case ConnectionKind::RemoteCommandSlow:
        remoteCommand(session, random.pick(slowRemoteCommands()), random.between(1.5, 20.0));
        break;
    case ConnectionKind::Sftp:
        sftp(session);
        break;
    case ConnectionKind::FailedLogin:
        closeSession(session, session.monitor->start + milliseconds(random.between(60, 900)));
        break;
    case ConnectionKind::Keyscan:
        closeSession(session, session.monitor->start + milliseconds(random.between(30, 300)));
        break;
    case ConnectionKind::ChkpwdAbort:
        chkpwdAbort(session);
        break;
    case ConnectionKind::XzExploit:
    case ConnectionKind::XzExploitNewOpenssh:
    case ConnectionKind::WindowsLookalike:
        result.command = exploit(session, random.pick(exploitCommands()), false);
        break;
    case ConnectionKind::XzExploitSleep:
        result.command = exploit(session, sleepCommand(), false);
        break;
    case ConnectionKind::XzExploitNetchild:
        result.command = exploit(session, random.pick(exploitCommands()), true);
        break;
    }
    return result;
}

} // namespace spoor::scenario
