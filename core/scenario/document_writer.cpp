#include "scenario/document_writer.h"

#include "scenario/random.h"

namespace spoor::scenario {

namespace {

constexpr ecs::TimestampNs nanosPerSecond = 1'000'000'000;

bool isNetwork(Action action)
{
    return action == Action::ConnectionAccepted || action == Action::DisconnectReceived;
}

std::string_view actionName(Action action)
{
    switch (action) {
    case Action::AlreadyRunning:
        return "already_running";
    case Action::Fork:
        return "fork";
    case Action::Exec:
        return "exec";
    case Action::End:
        return "end";
    case Action::ConnectionAccepted:
        return "connection_accepted";
    case Action::DisconnectReceived:
        return "disconnect_received";
    }
    return "unknown";
}

std::string_view eventType(Action action)
{
    switch (action) {
    case Action::AlreadyRunning:
        return "info";
    case Action::End:
    case Action::DisconnectReceived:
        return "end";
    default:
        return "start";
    }
}

} // namespace

void DocumentWriter::append(std::string& out, const GeneratedEvent& event, const Host& host, std::uint64_t sequence)
{
    const bool network = isNetwork(event.action);
    const std::string_view dataset = network ? "endpoint.events.network" : "endpoint.events.process";
    out += "{\"@timestamp\":";
    timestamps_.appendQuoted(out, event.time, 7);
    out += ',';
    out += host.agentJson;
    out += ",\"data_stream\":{\"dataset\":\"";
    out += dataset;
    out += "\",\"namespace\":\"default\",\"type\":\"logs\"},\"ecs\":{\"version\":\"8.10.0\"},";
    appendEventMembers(out, event, host, sequence);
    out += ',';
    out += host.hostJson;
    out += ",\"user\":{\"id\":\"";
    out += event.process->user.id;
    out += "\",\"name\":\"";
    out += event.process->user.name;
    out += network ? "\"},\"message\":\"Endpoint network event\"," : "\"},\"message\":\"Endpoint process event\",";
    if (network) {
        appendNetwork(out, event, host);
    } else {
        appendProcess(out, event);
    }
    out += "}\n";
}

void DocumentWriter::appendEventMembers(std::string& out, const GeneratedEvent& event, const Host& host,
                                        std::uint64_t sequence)
{
    const bool network = isNetwork(event.action);
    out += "\"event\":{\"action\":\"";
    out += actionName(event.action);
    out += network ? "\",\"category\":[\"network\"],\"type\":[\"" : "\",\"category\":[\"process\"],\"type\":[\"";
    out += eventType(event.action);
    out += "\"],\"kind\":\"event\",\"module\":\"endpoint\",\"dataset\":\"";
    out += network ? "endpoint.events.network" : "endpoint.events.process";
    out += "\",\"id\":\"";
    out += formatUuid(event.idHigh, event.idLow);
    out += "\",\"sequence\":";
    out += std::to_string(sequence);
    out += ",\"created\":";
    timestamps_.appendQuoted(out, event.time, 7);
    out += ",\"ingested\":";
    const ecs::TimestampNs second = event.time - event.time % nanosPerSecond;
    ingested_.appendQuoted(out, second + host.ingestLagSeconds * nanosPerSecond, 0);
    out += '}';
}

void DocumentWriter::appendProcess(std::string& out, const GeneratedEvent& event)
{
    const Process& process = *event.process;
    out += "\"process\":{";
    out += process.jsonMembers;
    if (process.parent) {
        out += ",\"parent\":{";
        out += process.parent->jsonMembers;
        out += '}';
    }
    if (event.action == Action::End) {
        out += ",\"exit_code\":";
        out += std::to_string(event.exitCode);
        out += ",\"end\":";
        ends_.appendQuoted(out, event.time, 7);
    }
    out += '}';
}

// Network events carry Elastic Defend's thin process block: pid, entity_id, name, executable and the parent's
// entity_id.
void DocumentWriter::appendNetwork(std::string& out, const GeneratedEvent& event, const Host& host)
{
    const Process& process = *event.process;
    out += "\"process\":{\"pid\":";
    out += std::to_string(process.pid);
    out += ",\"entity_id\":\"";
    out += process.entityId;
    out += "\",\"name\":";
    appendJsonString(out, process.image.name);
    out += ",\"executable\":";
    appendJsonString(out, process.image.executable);
    if (process.parent) {
        out += ",\"parent\":{\"entity_id\":\"";
        out += process.parent->entityId;
        out += "\"}";
    }
    const Peer& peer = *event.peer;
    out += "},\"source\":{\"ip\":\"";
    out += peer.address;
    out += "\",\"address\":\"";
    out += peer.address;
    out += "\",\"port\":";
    out += std::to_string(peer.port);
    out += "},\"destination\":{\"ip\":\"";
    out += host.address;
    out += "\",\"address\":\"";
    out += host.address;
    out += "\",\"port\":22},\"network\":{\"direction\":\"ingress\",\"transport\":\"tcp\",\"type\":\"ipv4\"}";
}

} // namespace spoor::scenario
