#include "reader_steps.h"

#include <stdexcept>

namespace spoor::fuzz {

void require(bool condition, const std::string& message)
{
    if (!condition)
        throw std::logic_error(message);
}

ingest::DocumentDecoder& sharedDecoder()
{
    static ingest::DocumentDecoder decoder;
    return decoder;
}

void readAllSteps(ingest::DocumentReader& reader, std::size_t inputSize, LineOrder order,
                  const std::function<void(const ingest::RawDocument&)>& checkDocument)
{
    ingest::RawDocument raw;
    ingest::ReadIssue issue;
    std::uint64_t lastLine = 0;
    // Every step consumes at least one byte of the input, except the last Issue of a reader that stops.
    for (std::size_t steps = 0;; ++steps) {
        require(steps <= inputSize + 2, "the reader returned more steps than the input has bytes");
        const auto step = reader.next(raw, issue);
        if (step == ingest::DocumentReader::Step::End)
            return;
        const std::uint64_t line = step == ingest::DocumentReader::Step::Issue ? issue.line : raw.line;
        require(order == LineOrder::Any || line >= lastLine, "the line number went backwards");
        lastLine = line;
        if (step == ingest::DocumentReader::Step::Issue) {
            require(!issue.reason.empty() && !issue.message.empty(), "an issue without a reason or message");
            require(issue.byteOffset <= inputSize, "an issue lies past the end of the input");
            continue;
        }
        checkDocument(raw);
    }
}

} // namespace spoor::fuzz
