#include "scenario/scenario.h"

#include "scenario/connection.h"
#include "scenario/cron_job.h"
#include "scenario/event_queue.h"
#include "scenario/rule_match.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <streambuf>

namespace spoor::scenario {

namespace {

using ecs::TimestampNs;

constexpr TimestampNs nanosPerSecond = 1'000'000'000;
constexpr TimestampNs nanosPerMinute = 60 * nanosPerSecond;
constexpr TimestampNs never = std::numeric_limits<TimestampNs>::max();
// Connections in the pilot run that measures events per connection for Options::targetEvents.
constexpr double pilotConnections = 10'000;

// A connection placed at a chosen time rather than drawn from the arrival process.
struct PlannedConnection
{
    TimestampNs time = 0;
    std::size_t host = 0;
    ConnectionKind kind = ConnectionKind::XzExploit;
};

// Discards what is written, for the pilot run.
class NullBuffer : public std::streambuf
{
protected:
    int_type overflow(int_type c) override { return traits_type::not_eof(c); }
    std::streamsize xsputn(const char*, std::streamsize count) override { return count; }
};

void validate(const Options& options)
{
    if (options.linuxHosts < 0 || options.windowsHosts < 0) {
        throw std::invalid_argument("invalid host count: linuxHosts and windowsHosts must be 0 or more");
    }
    if (options.linuxHosts + options.windowsHosts > 99) {
        throw std::invalid_argument("invalid host count: at most 99 hosts in total");
    }
    if (options.minutes <= 0) {
        throw std::invalid_argument("invalid minutes " + std::to_string(options.minutes) + ": must be 1 or more");
    }
    if (!(options.connectionsPerHostPerMinute >= 0)) {
        throw std::invalid_argument("invalid connectionsPerHostPerMinute: must be 0 or more");
    }
    if (options.exploits < 0) {
        throw std::invalid_argument("invalid exploits " + std::to_string(options.exploits) + ": must be 0 or more");
    }
    if (!ecs::parseIsoTimestamp(options.start)) {
        throw std::invalid_argument("invalid start \"" + options.start +
                                    "\": expected an ISO-8601 date-time such as 2024-04-03T01:28:14Z");
    }
}

class Generator
{
public:
    Generator(const Options& options, double rate, std::ostream& out, nlohmann::json* truth)
        : options_(options), rate_(rate), random_(options.seed), start_(*ecs::parseIsoTimestamp(options.start)),
          end_(start_ + options.minutes * nanosPerMinute),
          hosts_(makeHosts(options.linuxHosts, options.windowsHosts, random_, start_)), queue_(hosts_, out),
          truth_(truth)
    {
        summary_.connectionsPerHostPerMinute = rate;
        if (truth_) {
            *truth_ = nlohmann::json::object();
            (*truth_)["cases"] = nlohmann::json::array();
            (*truth_)["malicious"] = nlohmann::json::array();
            (*truth_)["expected_rule_matches"] = nlohmann::json::array();
        }
    }

    Summary run();

private:
    void writeAlreadyRunning();
    std::vector<PlannedConnection> planConnections();
    TimestampNs nextArrival(TimestampNs after);
    void runConnection(ConnectionKind kind, std::size_t hostIndex, TimestampNs time);
    void recordTruth(ConnectionKind kind, const Host& host, const ConnectionResult& result, const RuleTrace& trace,
                     bool matches);
    void fillTruthHeader();

    const Options& options_;
    double rate_;
    Random random_;
    TimestampNs start_;
    TimestampNs end_;
    std::vector<Host> hosts_;
    EventQueue queue_;
    nlohmann::json* truth_;
    std::vector<GeneratedEvent> scratch_;
    Summary summary_;
};

void Generator::writeAlreadyRunning()
{
    for (Host& host : hosts_) {
        TimestampNs time = start_;
        for (const ProcessPtr& process : {host.systemd, host.listener, host.cron}) {
            GeneratedEvent& event = scratch_.emplace_back();
            event.time = time;
            event.idHigh = random_.next();
            event.idLow = random_.next();
            event.process = process;
            event.host = static_cast<std::uint32_t>(host.index);
            event.action = Action::AlreadyRunning;
            time += nanosPerSecond / 1000;
        }
    }
    queue_.push(scratch_);
}

// Exploitations go to hosts whose monitor is /usr/sbin/sshd, except xz_exploit_new_openssh, which needs an
// OpenSSH 9.8 host and is left out when there is none. Times fall in the middle 80 % of the window.
std::vector<PlannedConnection> Generator::planConnections()
{
    std::vector<std::size_t> classic;
    std::vector<std::size_t> session;
    std::vector<std::size_t> windows;
    for (const Host& host : hosts_) {
        if (host.windows) {
            windows.push_back(host.index);
        } else if (host.sshdSession) {
            session.push_back(host.index);
        } else {
            classic.push_back(host.index);
        }
    }
    std::vector<PlannedConnection> planned;
    const auto place = [&](const std::vector<std::size_t>& candidates, ConnectionKind kind) {
        if (candidates.empty()) {
            return;
        }
        const double fraction = random_.between(0.1, 0.9);
        const auto time = start_ + static_cast<TimestampNs>(fraction * static_cast<double>(end_ - start_));
        planned.push_back({time, random_.pick(std::span<const std::size_t>(candidates)), kind});
    };
    for (int i = 0; i < options_.exploits; ++i) {
        place(classic, ConnectionKind::XzExploit);
    }
    if (options_.nearMisses) {
        place(classic, ConnectionKind::XzExploitSleep);
        place(classic, ConnectionKind::XzExploitNetchild);
        place(session, ConnectionKind::XzExploitNewOpenssh);
    }
    for (const std::size_t host : windows) {
        place({host}, ConnectionKind::WindowsLookalike);
    }
    std::stable_sort(planned.begin(), planned.end(),
                     [](const PlannedConnection& a, const PlannedConnection& b) { return a.time < b.time; });
    return planned;
}

TimestampNs Generator::nextArrival(TimestampNs after)
{
    if (rate_ <= 0) {
        return never;
    }
    const double gapSeconds = random_.exponential(60.0 / rate_);
    return after + std::max<TimestampNs>(1, static_cast<TimestampNs>(gapSeconds * 1e9));
}

void Generator::runConnection(ConnectionKind kind, std::size_t hostIndex, TimestampNs time)
{
    Host& host = hosts_[hostIndex];
    EventBuilder builder(host, random_, scratch_);
    const ConnectionResult result = buildConnection(kind, builder, time);
    const bool matches = matchesXzRule(host, builder.trace());
    ++summary_.connections;
    ++summary_.connectionsByKind[std::string(kindName(kind))];
    summary_.expectedRuleMatches += matches ? 1 : 0;
    if (truth_) {
        recordTruth(kind, host, result, builder.trace(), matches);
    }
    queue_.push(scratch_);
}

void Generator::recordTruth(ConnectionKind kind, const Host& host, const ConnectionResult& result,
                            const RuleTrace& trace, bool matches)
{
    const std::string kindText(kindName(kind));
    const std::string start = ecs::formatIsoTimestamp(trace.monitorExec->time, 7);
    (*truth_)["cases"].push_back({{"kind", kindText}, {"host", host.name}, {"start", start}});
    if (isExploitation(kind)) {
        (*truth_)["malicious"].push_back({{"case", kindText},
                                          {"host", host.name},
                                          {"command", result.command},
                                          {"start", start},
                                          {"monitor_pid", result.monitor->pid},
                                          {"monitor_entity_id", result.monitor->entityId}});
    }
    if (matches) {
        nlohmann::json events = nlohmann::json::array();
        for (const auto* step : {&trace.monitorExec, &trace.childExec, &trace.monitorEnd, &trace.disconnect}) {
            events.push_back(formatUuid((*step)->idHigh, (*step)->idLow));
        }
        (*truth_)["expected_rule_matches"].push_back({{"case", isExploitation(kind) ? kindText : "benign"},
                                                      {"kind", kindText},
                                                      {"host", host.name},
                                                      {"events", std::move(events)}});
    }
}

void Generator::fillTruthHeader()
{
    nlohmann::json& truth = *truth_;
    truth["rule"] = xzRuleName;
    truth["event_count"] = summary_.events;
    truth["options"] = {{"seed", options_.seed},
                        {"linux_hosts", options_.linuxHosts},
                        {"windows_hosts", options_.windowsHosts},
                        {"minutes", options_.minutes},
                        {"start", options_.start},
                        {"connections_per_host_per_minute", rate_},
                        {"exploits", options_.exploits},
                        {"near_misses", options_.nearMisses}};
}

Summary Generator::run()
{
    writeAlreadyRunning();
    const std::vector<PlannedConnection> planned = planConnections();
    std::size_t nextPlanned = 0;
    std::vector<TimestampNs> arrivals;
    for (const Host& host : hosts_) {
        arrivals.push_back(host.windows ? never : nextArrival(start_));
    }
    TimestampNs cronMinute = options_.linuxHosts > 0 ? nextCronMinute(start_) : never;
    while (true) {
        const auto earliest = std::min_element(arrivals.begin(), arrivals.end());
        const TimestampNs arrival = earliest == arrivals.end() ? never : *earliest;
        const TimestampNs plannedTime = nextPlanned < planned.size() ? planned[nextPlanned].time : never;
        const TimestampNs time = std::min({arrival, plannedTime, cronMinute});
        if (time >= end_) {
            break;
        }
        queue_.writeBefore(time);
        if (time == plannedTime) {
            const PlannedConnection& connection = planned[nextPlanned++];
            runConnection(connection.kind, connection.host, connection.time);
        } else if (time == cronMinute) {
            for (Host& host : hosts_) {
                if (!host.windows) {
                    EventBuilder builder(host, random_, scratch_);
                    summary_.cronJobs += static_cast<std::uint64_t>(runCronJobs(builder, cronMinute));
                    queue_.push(scratch_);
                }
            }
            cronMinute = nextCronMinute(cronMinute);
        } else {
            const auto hostIndex = static_cast<std::size_t>(earliest - arrivals.begin());
            runConnection(drawBenignKind(random_), hostIndex, arrival);
            *earliest = nextArrival(arrival);
        }
    }
    queue_.finish();
    summary_.events = queue_.written();
    if (truth_) {
        fillTruthHeader();
    }
    return summary_;
}

// Measures events per unit of connection rate with a pilot run, and returns the rate that gives about
// options.targetEvents events.
double rateForTarget(const Options& options)
{
    NullBuffer discard;
    std::ostream sink(&discard);
    const double fixedEvents = static_cast<double>(Generator(options, 0.0, sink, nullptr).run().events);
    const double target = static_cast<double>(*options.targetEvents);
    if (options.linuxHosts == 0 || target <= fixedEvents) {
        return 0.0;
    }
    const double pilotRate = pilotConnections / (options.linuxHosts * options.minutes);
    const double pilotEvents = static_cast<double>(Generator(options, pilotRate, sink, nullptr).run().events);
    const double eventsPerRate = (pilotEvents - fixedEvents) / pilotRate;
    return (target - fixedEvents) / eventsPerRate;
}

} // namespace

Summary generate(const Options& options, std::ostream& out, nlohmann::json* truth)
{
    validate(options);
    const double rate = options.targetEvents ? rateForTarget(options) : options.connectionsPerHostPerMinute;
    return Generator(options, rate, out, truth).run();
}

} // namespace spoor::scenario
