#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>

// Deterministic generator of Elastic Defend-shaped Linux endpoint events: hosts with an sshd listener and
// cron, benign SSH connections of several kinds and XZ backdoor (CVE-2024-3094) exploitations, with the
// matches an engine must return for the 2024-04-01 version of Elastic's "Potential Execution via XZBackdoor".
namespace spoor::scenario {

struct Options
{
    std::uint64_t seed = 1;
    // Every third Linux host (web-02, web-05, ...) is RHEL-like: no pam_motd, and its per-connection process is
    // OpenSSH 9.8's /usr/lib/openssh/sshd-session instead of /usr/sbin/sshd.
    int linuxHosts = 4;
    // Each Windows host carries one connection with the process shape of an exploitation (no rule match).
    int windowsHosts = 1;
    int minutes = 30;
    // ISO-8601 UTC start of the window.
    std::string start = "2024-04-03T01:28:14Z";
    // Mean rate of SSH connections per Linux host (Poisson arrivals). The default gives about 3,000 events for
    // 4 Linux hosts over 30 minutes.
    double connectionsPerHostPerMinute = 1.5;
    // Number of xz_exploit connections, each matching the rule by construction.
    int exploits = 1;
    // One each of xz_exploit_sleep, xz_exploit_netchild and (when an OpenSSH 9.8 host exists)
    // xz_exploit_new_openssh: exploitations the 2024-04 rule misses.
    bool nearMisses = true;
    // When set, connectionsPerHostPerMinute is replaced by a rate that produces about this many events.
    std::optional<std::uint64_t> targetEvents;
};

struct Summary
{
    std::uint64_t events = 0;
    std::uint64_t connections = 0;
    std::uint64_t cronJobs = 0;
    // Connections that the 2024-04 rule matches by construction, benign or not.
    std::uint64_t expectedRuleMatches = 0;
    // The connection rate actually used (differs from the option when targetEvents is set).
    double connectionsPerHostPerMinute = 0;
    std::map<std::string, std::uint64_t> connectionsByKind;
};

// Writes the events as NDJSON (one document per line, in @timestamp order) to `out`, holding in memory only
// the events of connections still open. When `truth` is given, fills it with "cases" (kind, host and start of
// every connection) and "malicious" (each exploitation with its monitor's pid and entity_id). It also fills
// "expected_rule_matches": the event.id of the 4 steps of every connection the rule matches, labelled "benign"
// or with the exploitation kind. Throws std::invalid_argument for invalid options and std::runtime_error when
// writing to `out` fails.
// NOTE: the truth stays in memory and grows with the number of connections (about 1 KB each, measured with
// spoor-cli generate at 2 million events).
Summary generate(const Options& options, std::ostream& out, nlohmann::json* truth = nullptr);

// The rule that "expected_rule_matches" refers to: id and version date.
inline constexpr const char* xzRuleName = "7afc6cc9-8800-4c7f-be6b-b688d2dea248 (2024/04/01)";

} // namespace spoor::scenario
