#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace spoor::store {
class CaseFile;
}

namespace spoor::ui {

// The events of a case in time order (@timestamp, then import order; events without @timestamp
// first). Rows are read from SQLite in chunks when a view requests them, and only a bounded number of
// chunks is cached, so the model never loads the whole table.
class EventTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        HostColumn,
        UserColumn,
        ActionColumn,
        CategoryColumn,
        PidColumn,
        ProcessNameColumn,
        CommandLineColumn,
        ExitCodeColumn,
        ColumnCount
    };
    enum Role {
        EventIdRole = Qt::UserRole + 1, // events.id as qint64
        TimestampNsRole,                // @timestamp in nanoseconds as qint64, invalid when absent
    };

    static constexpr int chunkSize = 256;
    static constexpr std::size_t maxCachedChunks = 64;

    explicit EventTableModel(QObject* parent = nullptr);
    ~EventTableModel() override;

    // Shows the events of a case read through the given connection, or nothing for nullptr. The
    // connection must belong to this model's thread.
    void setCase(std::shared_ptr<store::CaseFile> caseFile);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Returns the events.id of a row, or 0 when the row is out of range or could not be read.
    std::int64_t eventId(int row) const;

    // Returns the row of an event in the table order, or -1 when the case has no such event.
    int rowOfEvent(std::int64_t eventId) const;

    std::size_t cachedChunkCount() const { return chunks_.size(); }

private:
    struct Row
    {
        std::int64_t id = 0;
        std::optional<std::int64_t> timestampNs;
        QString host;
        QString user;
        QString action;
        QString category;
        std::optional<std::int64_t> pid;
        QString processName;
        QString commandLine;
        std::optional<std::int64_t> exitCode;
    };
    using Chunk = std::vector<Row>;

    const Row* rowAt(int row) const;
    const Chunk* chunkAt(int chunkIndex) const;
    Chunk loadChunk(int chunkIndex) const;
    QVariant displayData(const Row& row, int column) const;

    std::shared_ptr<store::CaseFile> case_;
    int rowCount_ = 0;
    mutable std::unordered_map<int, Chunk> chunks_;
    mutable std::list<int> recentChunks_; // most recently used first
};

} // namespace spoor::ui
