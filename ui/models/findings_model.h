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
class Database;
} // namespace spoor::store

namespace spoor::ui {

// The findings of the latest complete run of each rule, ordered by first step time: a flat list, or
// grouped by a key (analysis::groupFindings) with one top-level row per group, largest first, and its
// findings under it. Benign findings can be hidden; a group whose findings are all hidden disappears.
// The whole list is loaded at once because a case contains far fewer findings than events. A list of more than
// defaultSynchronousLoadLimit findings is read on a worker thread with its own connection. The rows stay as they
// are until the new ones arrive, and loaded() is emitted when they have.
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

    // At most this many findings are read on the GUI thread, in about 10 ms on a 2-core machine (an estimate).
    static constexpr std::int64_t defaultSynchronousLoadLimit = 1000;

    explicit FindingsModel(QObject* parent = nullptr);
    ~FindingsModel() override;

    // Reloads the findings through the given connection, or clears the list for nullptr. The rows of another
    // case file are cleared at once.
    void setCase(std::shared_ptr<store::CaseFile> caseFile);

    // Groups the findings by `key` (of step `step`, 0-based, for step keys), or lists them flat for nullopt.
    void setGrouping(std::optional<analysis::GroupKey> key, int step = 1);
    std::optional<analysis::GroupKey> groupKey() const { return groupKey_; }
    int groupStep() const { return groupStep_; }
    // The request behind the current groups; meaningful only while grouped.
    analysis::GroupingRequest groupingRequest() const;

    void setHideBenign(bool hide);
    bool hidesBenign() const { return hideBenign_; }

    // Reads the findings and verdicts again, keeping the grouping and the filter. A newer reload supersedes a
    // running one, whose result is dropped.
    void reload();
    bool isLoading() const { return loading_; }
    // Sets how many findings are still read on the GUI thread; tests lower it to take the background path.
    void setSynchronousLoadLimit(std::int64_t limit) { synchronousLoadLimit_ = limit; }

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

signals:
    // The rows of the latest reload are shown; emitted by every reload, at once when it runs synchronously.
    void loaded();

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

    // Everything a reload reads, built on the thread that reads it.
    struct Contents
    {
        std::vector<Finding> findings;
        std::vector<std::size_t> shown;
        std::vector<Group> groups;
    };
    struct Request
    {
        std::optional<analysis::GroupKey> groupKey;
        analysis::GroupingRequest grouping;
        bool hideBenign = false;
    };

    static Contents readContents(const store::Database& db, const Request& request);
    static std::vector<Finding> loadFindings(const store::Database& db);
    static void buildGroups(Contents& contents, std::vector<analysis::FindingGroup> groups);
    void loadInBackground(const Request& request);
    void showContents(Contents contents);
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
    std::int64_t synchronousLoadLimit_ = defaultSynchronousLoadLimit;
    bool loading_ = false;
    quint64 generation_ = 0; // of the latest reload; a background read of an older one is dropped
};

} // namespace spoor::ui
