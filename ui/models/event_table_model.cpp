#include "models/event_table_model.h"

#include "logging.h"
#include "sql_text.h"
#include "store/case_file.h"
#include "store/statement.h"
#include "time_text.h"

#include <QLocale>

namespace spoor::ui {

namespace {

// The table order is "timestamp_ns, id", which the events_by_time index serves without sorting
// (SQLite appends the rowid to every index). NULL timestamps sort first.
constexpr const char* rowColumns = "SELECT id, timestamp_ns, host_name, user_name, action, category, pid,"
                                   " process_name, command_line, exit_code FROM events";

} // namespace

EventTableModel::EventTableModel(QObject* parent) : QAbstractTableModel(parent) {}

EventTableModel::~EventTableModel() = default;

void EventTableModel::setCase(std::shared_ptr<store::CaseFile> caseFile)
{
    beginResetModel();
    case_ = std::move(caseFile);
    chunks_.clear();
    recentChunks_.clear();
    rowCount_ = 0;
    if (case_) {
        try {
            auto count = case_->db().prepare("SELECT count(*) FROM events");
            count.step();
            rowCount_ = static_cast<int>(count.int64(0));
        } catch (const store::StoreError& error) {
            qCWarning(lcModels) << "cannot count the events of" << case_->path().c_str() << ":" << error.what();
        }
    }
    endResetModel();
}

int EventTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : rowCount_;
}

int EventTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row* row = rowAt(index.row());
    if (!row)
        return role == Qt::DisplayRole ? QVariant(tr("…")) : QVariant();

    switch (role) {
    case Qt::DisplayRole:
        return displayData(*row, index.column());
    case Qt::ToolTipRole:
        return index.column() == CommandLineColumn ? QVariant(row->commandLine) : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == PidColumn || index.column() == ExitCodeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case EventIdRole:
        return QVariant::fromValue<qint64>(row->id);
    case TimestampNsRole:
        return optionalVariant(row->timestampNs);
    default:
        return {};
    }
}

QVariant EventTableModel::displayData(const Row& row, int column) const
{
    switch (column) {
    case TimeColumn:
        return isoTime(row.timestampNs);
    case HostColumn:
        return row.host;
    case UserColumn:
        return row.user;
    case ActionColumn:
        return row.action;
    case CategoryColumn:
        return row.category;
    case PidColumn:
        return optionalVariant(row.pid);
    case ProcessNameColumn:
        return row.processName;
    case CommandLineColumn:
        return row.commandLine;
    case ExitCodeColumn:
        return optionalVariant(row.exitCode);
    default:
        return {};
    }
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return QLocale().toString(section + 1);
    switch (section) {
    case TimeColumn:
        return tr("Time (UTC)");
    case HostColumn:
        return tr("Host");
    case UserColumn:
        return tr("User");
    case ActionColumn:
        return tr("Action");
    case CategoryColumn:
        return tr("Category");
    case PidColumn:
        return tr("PID");
    case ProcessNameColumn:
        return tr("Process");
    case CommandLineColumn:
        return tr("Command line");
    case ExitCodeColumn:
        return tr("Exit code");
    default:
        return {};
    }
}

std::int64_t EventTableModel::eventId(int row) const
{
    const Row* found = (row >= 0 && row < rowCount_) ? rowAt(row) : nullptr;
    return found ? found->id : 0;
}

int EventTableModel::rowOfEvent(std::int64_t eventId) const
{
    if (!case_)
        return -1;
    try {
        auto& db = case_->db();
        auto lookup = db.prepare("SELECT timestamp_ns FROM events WHERE id = ?");
        lookup.bind(1, eventId);
        if (!lookup.step())
            return -1;
        const std::optional<std::int64_t> timestamp = lookup.optionalInt64(0);

        // Counts the rows before the event in the order "timestamp_ns (NULL first), id".
        auto before = timestamp ? db.prepare("SELECT (SELECT count(*) FROM events WHERE timestamp_ns IS NULL)"
                                             " + (SELECT count(*) FROM events WHERE timestamp_ns < ?1)"
                                             " + (SELECT count(*) FROM events WHERE timestamp_ns = ?1 AND id < ?2)")
                                : db.prepare("SELECT count(*) FROM events WHERE timestamp_ns IS NULL AND id < ?2");
        if (timestamp)
            before.bind(1, *timestamp);
        before.bind(2, eventId);
        before.step();
        return static_cast<int>(before.int64(0));
    } catch (const store::StoreError& error) {
        qCWarning(lcModels) << "cannot find event" << eventId << "in the table:" << error.what();
        return -1;
    }
}

const EventTableModel::Row* EventTableModel::rowAt(int row) const
{
    const Chunk* chunk = chunkAt(row / chunkSize);
    const auto offset = static_cast<std::size_t>(row % chunkSize);
    return chunk && offset < chunk->size() ? &(*chunk)[offset] : nullptr;
}

const EventTableModel::Chunk* EventTableModel::chunkAt(int chunkIndex) const
{
    if (auto found = chunks_.find(chunkIndex); found != chunks_.end()) {
        recentChunks_.remove(chunkIndex);
        recentChunks_.push_front(chunkIndex);
        return &found->second;
    }
    if (!case_)
        return nullptr;

    Chunk chunk;
    try {
        chunk = loadChunk(chunkIndex);
    } catch (const store::StoreError& error) {
        qCWarning(lcModels) << "cannot read events" << chunkIndex * chunkSize << "to" << (chunkIndex + 1) * chunkSize
                            << "of" << case_->path().c_str() << ":" << error.what();
        return nullptr;
    }
    while (chunks_.size() >= maxCachedChunks) {
        chunks_.erase(recentChunks_.back());
        recentChunks_.pop_back();
    }
    recentChunks_.push_front(chunkIndex);
    return &chunks_.emplace(chunkIndex, std::move(chunk)).first->second;
}

EventTableModel::Chunk EventTableModel::loadChunk(int chunkIndex) const
{
    // Scrolling mostly moves to the next chunk: continuing after the previous chunk's last row is a
    // range seek on the index, where OFFSET would step over every earlier row.
    // TODO: a jump far into a large case still pays for OFFSET on the GUI thread; fetch on a worker.
    const auto previous = chunks_.find(chunkIndex - 1);
    const bool seek = previous != chunks_.end() && previous->second.size() == chunkSize &&
                      previous->second.back().timestampNs.has_value();
    auto& db = case_->db();
    store::Statement select;
    if (seek) {
        select = db.prepare(std::string(rowColumns) +
                            " WHERE (timestamp_ns, id) > (?1, ?2) ORDER BY timestamp_ns, id LIMIT ?3");
        select.bind(1, *previous->second.back().timestampNs).bind(2, previous->second.back().id);
        select.bind(3, chunkSize);
    } else {
        select = db.prepare(std::string(rowColumns) + " ORDER BY timestamp_ns, id LIMIT ?3 OFFSET ?4");
        select.bind(3, chunkSize).bind(4, static_cast<std::int64_t>(chunkIndex) * chunkSize);
    }

    Chunk chunk;
    chunk.reserve(chunkSize);
    while (select.step()) {
        Row row;
        row.id = select.int64(0);
        row.timestampNs = select.optionalInt64(1);
        row.host = textColumn(select, 2);
        row.user = textColumn(select, 3);
        row.action = textColumn(select, 4);
        row.category = textColumn(select, 5);
        row.pid = select.optionalInt64(6);
        row.processName = textColumn(select, 7);
        row.commandLine = textColumn(select, 8);
        row.exitCode = select.optionalInt64(9);
        chunk.push_back(std::move(row));
    }
    qCDebug(lcModels) << "loaded event chunk" << chunkIndex << (seek ? "by seek" : "by offset");
    return chunk;
}

} // namespace spoor::ui
