#pragma once

#include "analysis/finding_groups.h"

#include <QAbstractItemModel>
#include <QString>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace spoor::store {
class CaseFile;
}

namespace spoor::ui {

// The findings of the latest complete run of each rule, ordered by first step time: a flat list, or
// grouped by a key (analysis::groupFindings) with one top-level row per group, largest first, and its
// findings under it. Benign findings can be hidden; a group whose findings are all hidden disappears.
// The whole list is loaded at once because a case contains far fewer findings than events.
class FindingsModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column {
        RuleColumn,  // the rule's name; for a group, its key value
        CountColumn, // findings in a group; empty for a finding
        VerdictColumn,
        SeverityColumn,
        HostColumn,
        UserColumn,
        FirstTimeColumn,
        StepsColumn,
        ColumnCount
    };
    enum Role {
        FindingIdRole = Qt::UserRole + 1, // findings.id as qint64; invalid for a group
        HostIdRole,                       // findings.host_id
        FirstNsRole,                      // findings.first_ns (for a group: the earliest) as qint64
        LastNsRole,                       // findings.last_ns (for a group: the latest) as qint64
        VerdictRole,                      // findings.verdict: "benign", "malicious" or empty; empty for a group
        ReviewStateRole,                  // int(ReviewState); for a group, the highest of its findings
        IsGroupRole,                      // bool
    };

    explicit FindingsModel(QObject* parent = nullptr);
    ~FindingsModel() override;

    // Reloads the findings through the given connection, or clears the list for nullptr.
    void setCase(std::shared_ptr<store::CaseFile> caseFile);

    // Groups the findings by `key` (of step `step`, 0-based, for step keys), or lists them flat for nullopt.
    void setGrouping(std::optional<analysis::GroupKey> key, int step = 1);
    std::optional<analysis::GroupKey> groupKey() const { return groupKey_; }
    int groupStep() const { return groupStep_; }
    // The request behind the current groups; meaningful only while grouped.
    analysis::GroupingRequest groupingRequest() const;

    void setHideBenign(bool hide);
    bool hidesBenign() const { return hideBenign_; }

    // Reads the findings and verdicts again, keeping the grouping and the filter.
    void reload();

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    bool isGroup(const QModelIndex& index) const;
    // Returns the finding of a row, or 0 for a group row or an invalid index.
    std::int64_t findingId(const QModelIndex& index) const;
    // Returns the shown findings of a row: its own for a finding row, those listed under it for a group.
    std::vector<std::int64_t> findingIds(const QModelIndex& index) const;
    // Returns the group of a group row, or nullptr. Its findingIds include findings hidden by the filter.
    const analysis::FindingGroup* group(const QModelIndex& index) const;
    // Returns the index (column 0) of a shown finding, or an invalid index.
    QModelIndex indexOfFinding(std::int64_t findingId) const;
    // Returns the top-level index (column 0) of the group with that value, or an invalid index.
    QModelIndex indexOfGroup(const std::optional<std::string>& value) const;
    // The number of findings shown, over all groups.
    int findingCount() const { return static_cast<int>(shown_.size()); }

private:
    struct Finding
    {
        std::int64_t id = 0;
        QString rule;
        QString severity;
        QString hostId;
        QString host;
        QString user;
        std::optional<std::int64_t> firstNs;
        std::optional<std::int64_t> lastNs;
        int steps = 0;
        QString verdict;
        QString verdictReason;
    };
    struct Group
    {
        analysis::FindingGroup group;
        std::vector<std::size_t> members; // positions in findings_ of the shown findings
        int state = 0;                    // int(ReviewState), the highest of the members
    };

    void load();
    std::vector<Finding> loadFindings(store::CaseFile& caseFile) const;
    void buildGroups(std::vector<analysis::FindingGroup> groups);
    const Finding* findingAt(const QModelIndex& index) const;
    QVariant findingData(const Finding& finding, int column, int role) const;
    QVariant groupData(const Group& group, int column, int role) const;
    QString groupToolTip(const Group& group) const;

    std::shared_ptr<store::CaseFile> case_;
    std::optional<analysis::GroupKey> groupKey_;
    int groupStep_ = 1;
    bool hideBenign_ = false;
    std::vector<Finding> findings_;  // every finding of the latest runs
    std::vector<std::size_t> shown_; // positions in findings_ that pass the filter, in time order
    std::vector<Group> groups_;      // empty when not grouped
};

} // namespace spoor::ui
