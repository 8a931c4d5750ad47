#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace spoor::store {
class CaseFile;
}

namespace spoor::ui {

// The findings of the latest complete run of each rule in a case, ordered by first step time. The
// whole list is loaded at once because a case contains far fewer findings than events.
class FindingsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { RuleColumn, SeverityColumn, HostColumn, UserColumn, FirstTimeColumn, StepsColumn, ColumnCount };
    enum Role {
        FindingIdRole = Qt::UserRole + 1, // findings.id as qint64
        HostIdRole,                       // findings.host_id
        FirstNsRole,                      // findings.first_ns as qint64
        LastNsRole,                       // findings.last_ns as qint64
    };

    explicit FindingsModel(QObject* parent = nullptr);
    ~FindingsModel() override;

    // Reloads the findings through the given connection, or clears the list for nullptr.
    void setCase(std::shared_ptr<store::CaseFile> caseFile);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    std::int64_t findingId(int row) const;
    // Returns the row of a finding, or -1 when it is not listed.
    int rowOfFinding(std::int64_t findingId) const;

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
    };

    QVariant displayData(const Finding& finding, int column) const;
    std::vector<Finding> load(store::CaseFile& caseFile) const;

    std::vector<Finding> findings_;
};

} // namespace spoor::ui
