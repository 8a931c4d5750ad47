#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace spoor::scan {

// Decides which events a rule's index patterns cover. Kibana runs a rule on the indices that match its
// patterns ("logs-endpoint.events.*"), but a case has no indices. So each pattern becomes a pattern on the
// event's dataset (data_stream.dataset, else event.dataset) without the data stream type before the first
// '-' and without a trailing "-*" namespace part. "logs-endpoint.events.*" then covers the dataset
// "endpoint.events.process". Events with no dataset are always covered.
class IndexFilter
{
public:
    explicit IndexFilter(const std::vector<std::string>& indexPatterns);

    // True when the rule has no index patterns or one of them covers the dataset.
    bool covers(std::string_view dataset) const;

    const std::vector<std::string>& datasetPatterns() const { return datasetPatterns_; }

private:
    std::vector<std::string> datasetPatterns_;
};

// Matches text against a pattern where '*' is any run of characters and '?' one character, case-sensitively.
bool wildcardMatch(std::string_view pattern, std::string_view text);

} // namespace spoor::scan
