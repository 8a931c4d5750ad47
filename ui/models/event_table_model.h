#pragma once

#include "models/event_filter.h"
#include "models/event_rows.h"

#include <QAbstractTableModel>
#include <QString>
#include <QThreadPool>
#include <atomic>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

namespace spoor::store {
class CaseFile;
}

namespace spoor::ui {

// The events of a case, or of a filter's event set, in one of the orders an index serves (time by
// default). A worker thread with its own read-only connection reads the order (the event ids only, 8
// bytes per row) and then the rows in chunks as views request them. A chunk that has not arrived yet
// shows "…" in every cell, and a bounded number of chunks is cached, so the model never keeps the rows
// of the whole table in memory and never reads SQLite on the GUI thread. The row count is exact once the order has
// been read: rowCount() is 0 until then and isLoading() is true.
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
        EntityColumn,
        SourceColumn,
        ColumnCount
    };
    enum Role {
        EventIdRole = Qt::UserRole + 1, // events.id as qint64
        TimestampNsRole,                // @timestamp in nanoseconds as qint64, invalid when absent
        FieldNameRole,                  // the ECS field a cell shows, empty when it shows none
        FieldValueRole,                 // the cell's value typed for EQL: qint64, QString, QStringList or invalid
        RowLoadedRole,                  // bool: the row's chunk has arrived, so the other roles hold its values
        BookmarkedRole,                 // bool: the event is bookmarked
    };

    static constexpr int chunkSize = 256;
    static constexpr std::size_t maxCachedChunks = 64;

    explicit EventTableModel(QObject* parent = nullptr);
    ~EventTableModel() override;

    // Shows the events of a case, or nothing for nullptr. The model opens its own read-only connection to
    // the same file on its worker thread; the given connection is not used. Clears the event filter.
    void setCase(std::shared_ptr<store::CaseFile> caseFile);

    // Shows only the given events (sorted ids), or every event for nullptr. The rows are replaced once the
    // worker has read the new order.
    void setEventFilter(EventIdSet events);
    const EventIdSet& eventFilter() const { return filter_; }

    bool isLoading() const { return loading_; }

    // Marks the bookmarked events (note by events.id) with a flag and their note in the time column.
    void setBookmarks(std::map<std::int64_t, QString> bookmarks);

    // True for the columns whose order an index of the events table serves.
    static bool isSortable(int column);
    int sortColumn() const { return sortColumn_; }
    Qt::SortOrder sortOrder() const { return sortOrder_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // Sorts by an indexed column; other columns are ignored.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Returns the events.id of a row, or 0 when the row is out of range. Never waits for a chunk.
    std::int64_t eventId(int row) const;

    // Returns the row of an event in the current order, or -1 when the event is not shown.
    int rowOfEvent(std::int64_t eventId) const;

    // Returns the ECS field a column shows, or an empty string (source column).
    static QString fieldName(int column);

    std::size_t cachedChunkCount() const { return chunks_.size(); }

signals:
    // The order has been read: the row count and every row's event id are known.
    void loaded();
    // The worker failed to read the case; the message names the file and the SQLite error.
    void loadFailed(const QString& message);

private:
    using Chunk = std::vector<EventRow>;
    using IdList = std::shared_ptr<const std::vector<std::int64_t>>;
    struct Source;

    void reload();
    void orderArrived(quint64 generation, IdList ids);
    void orderFailed(quint64 generation, const QString& message);
    void chunkArrived(quint64 generation, int chunkIndex, std::shared_ptr<Chunk> chunk);
    void requestChunk(int chunkIndex) const;
    const EventRow* rowAt(int row) const;
    QVariant displayData(const EventRow& row, int column) const;
    QVariant valueData(const EventRow& row, int column) const;

    std::shared_ptr<Source> source_; // the worker's connection, null without a case
    EventIdSet filter_;
    std::map<std::int64_t, QString> bookmarks_;
    int sortColumn_ = TimeColumn;
    Qt::SortOrder sortOrder_ = Qt::AscendingOrder;
    IdList ids_;
    bool loading_ = false;
    quint64 generation_ = 0;
    std::shared_ptr<std::atomic<quint64>> latestGeneration_; // read by chunk reads on the worker
    std::shared_ptr<std::atomic<bool>> orderCancel_;         // of the latest order read
    mutable std::unordered_map<int, Chunk> chunks_;
    mutable std::list<int> recentChunks_; // most recently used first
    mutable std::set<int> requestedChunks_;
    mutable QThreadPool worker_;
};

} // namespace spoor::ui
