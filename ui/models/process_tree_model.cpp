#include "models/process_tree_model.h"

#include "jobs/worker_pool.h"
#include "logging.h"
#include "models/bookmarks.h"
#include "store/case_file.h"
#include "store/statement.h"
#include "time_text.h"

#include <QFont>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QLocale>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QStringList>
#include <QtConcurrent/QtConcurrentRun>

namespace spoor::ui {

struct ProcessTreeModel::Node
{
    enum class Kind { Root, Host, UnknownParent, Process };

    Kind kind = Kind::Root;
    Node* parent = nullptr;
    int row = 0;
    std::optional<std::string> hostId; // Host and UnknownParent
    QString hostName;
    std::int64_t processCount = 0;
    analysis::ProcessNode process; // Process
    bool fetched = false;
    std::vector<std::unique_ptr<Node>> children;

    bool mayHaveChildren() const
    {
        switch (kind) {
        case Kind::Process:
            return process.childCount > 0;
        case Kind::Host:
            return processCount > 0;
        default:
            return true;
        }
    }
};

namespace {

QString utf8(const std::string& text)
{
    return QString::fromStdString(text);
}

// Returns the largest processes.id, which bounds the number of processes without counting them.
std::int64_t largestProcessId(const store::Database& db)
{
    auto select = db.prepare("SELECT coalesce(max(id), 0) FROM processes");
    return select.step() ? select.int64(0) : 0;
}

} // namespace

ProcessTreeModel::ProcessTreeModel(QObject* parent) : QAbstractItemModel(parent), root_(std::make_unique<Node>())
{
    root_->fetched = true;
}

ProcessTreeModel::~ProcessTreeModel() = default;

void ProcessTreeModel::setCase(std::shared_ptr<store::CaseFile> caseFile)
{
    beginResetModel();
    case_ = std::move(caseFile);
    root_ = std::make_unique<Node>();
    root_->fetched = true;
    findingProcesses_.clear();
    bookmarkedProcesses_.clear();
    ++generation_;
    loading_ = false;
    endResetModel();
    if (!case_)
        return;
    try {
        if (largestProcessId(case_->db()) > synchronousLoadLimit_)
            loadHostsInBackground();
        else
            insertHosts(analysis::loadProcessHosts(case_->db()));
    } catch (const store::StoreError& error) {
        qCWarning(lcModels) << "cannot list the hosts of" << case_->path().c_str() << ":" << error.what();
    }
}

void ProcessTreeModel::loadHostsInBackground()
{
    using Hosts = std::optional<std::vector<analysis::ProcessHost>>;
    loading_ = true;
    const quint64 generation = generation_;
    const std::string path = case_->path();
    auto* watcher = new QFutureWatcher<Hosts>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != generation_)
            return;
        loading_ = false;
        if (const Hosts hosts = watcher->result())
            insertHosts(*hosts);
    });
    watcher->setFuture(QtConcurrent::run(workerPool(), [path]() -> Hosts {
        try {
            auto caseFile = store::CaseFile::open(path, store::CaseFile::Access::ReadOnly);
            return analysis::loadProcessHosts(caseFile.db());
        } catch (const store::StoreError& error) {
            qCWarning(lcModels) << "cannot list the hosts of" << path.c_str() << ":" << error.what();
            return std::nullopt;
        }
    }));
}

void ProcessTreeModel::insertHosts(const std::vector<analysis::ProcessHost>& hosts)
{
    if (hosts.empty())
        return;
    beginInsertRows({}, 0, static_cast<int>(hosts.size()) - 1);
    for (const analysis::ProcessHost& host : hosts) {
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::Host;
        node->parent = root_.get();
        node->row = static_cast<int>(root_->children.size());
        node->hostId = host.hostId;
        node->hostName = utf8(host.hostName);
        node->processCount = host.processCount;
        root_->children.push_back(std::move(node));
    }
    endInsertRows();
}

void ProcessTreeModel::setFindingProcesses(std::map<std::int64_t, ReviewState> processStates)
{
    findingProcesses_ = std::move(processStates);
    notifyBadges(*root_);
}

void ProcessTreeModel::setEventFilterProcesses(std::optional<std::vector<std::int64_t>> processes)
{
    filterProcesses_ = std::move(processes);
    notifyBadges(*root_);
}

void ProcessTreeModel::setBookmarkedProcesses(std::set<std::int64_t> processIds)
{
    bookmarkedProcesses_ = std::move(processIds);
    notifyBadges(*root_);
}

void ProcessTreeModel::notifyBadges(const Node& node)
{
    if (node.children.empty())
        return;
    emit dataChanged(indexFor(node.children.front().get()),
                     indexFor(node.children.back().get()).siblingAtColumn(ColumnCount - 1),
                     {Qt::DecorationRole, Qt::ToolTipRole, Qt::ForegroundRole, InFindingRole, ReviewStateRole,
                      MatchesFilterRole, BookmarkedRole});
    for (const auto& child : node.children)
        notifyBadges(*child);
}

ProcessTreeModel::Node* ProcessTreeModel::nodeFor(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : root_.get();
}

QModelIndex ProcessTreeModel::indexFor(const Node* node) const
{
    return node == root_.get() ? QModelIndex() : createIndex(node->row, 0, node);
}

QModelIndex ProcessTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const Node* parentNode = nodeFor(parent);
    return createIndex(row, column, parentNode->children[static_cast<std::size_t>(row)].get());
}

QModelIndex ProcessTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    return indexFor(nodeFor(child)->parent);
}

int ProcessTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return 0;
    return static_cast<int>(nodeFor(parent)->children.size());
}

int ProcessTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

bool ProcessTreeModel::hasChildren(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return false;
    const Node* node = nodeFor(parent);
    return node->fetched ? !node->children.empty() : node->mayHaveChildren();
}

bool ProcessTreeModel::canFetchMore(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return false;
    const Node* node = nodeFor(parent);
    return !node->fetched && node->mayHaveChildren();
}

void ProcessTreeModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    ensureFetched(*nodeFor(parent));
}

void ProcessTreeModel::ensureFetched(Node& node)
{
    if (node.fetched)
        return;
    node.fetched = true;
    std::vector<std::unique_ptr<Node>> children;
    try {
        children = loadChildren(node);
    } catch (const store::StoreError& error) {
        qCWarning(lcModels) << "cannot read the child processes of" << node.hostName << node.process.id << ":"
                            << error.what();
    }
    if (children.empty()) {
        // The item loses its expander; views must hear about it.
        const QModelIndex index = indexFor(&node);
        if (index.isValid())
            emit dataChanged(index, index);
        return;
    }
    const QModelIndex parentIndex = indexFor(&node);
    beginInsertRows(parentIndex, 0, static_cast<int>(children.size()) - 1);
    for (std::size_t row = 0; row < children.size(); ++row) {
        children[row]->parent = &node;
        children[row]->row = static_cast<int>(row);
    }
    node.children = std::move(children);
    endInsertRows();
}

std::vector<std::unique_ptr<ProcessTreeModel::Node>> ProcessTreeModel::loadChildren(const Node& node) const
{
    // TODO: load very wide levels (a listener with thousands of connections) in pages.
    std::vector<analysis::ProcessNode> processes;
    bool addUnknownParent = false;
    const store::Database& db = case_->db();
    switch (node.kind) {
    case Node::Kind::Host:
        processes = analysis::loadRootProcesses(db, node.hostId, analysis::RootKind::Root);
        addUnknownParent = !analysis::loadRootProcesses(db, node.hostId, analysis::RootKind::Orphan, {0, 1}).empty();
        break;
    case Node::Kind::UnknownParent:
        processes = analysis::loadRootProcesses(db, node.hostId, analysis::RootKind::Orphan);
        break;
    case Node::Kind::Process:
        processes = analysis::loadChildProcesses(db, node.process.id);
        break;
    case Node::Kind::Root:
        break;
    }

    std::vector<std::unique_ptr<Node>> children;
    for (auto& process : processes) {
        auto child = std::make_unique<Node>();
        child->kind = Node::Kind::Process;
        child->process = std::move(process);
        children.push_back(std::move(child));
    }
    if (addUnknownParent) {
        auto unknown = std::make_unique<Node>();
        unknown->kind = Node::Kind::UnknownParent;
        unknown->hostId = node.hostId;
        unknown->hostName = node.hostName;
        children.push_back(std::move(unknown));
    }
    return children;
}

ProcessTreeModel::Node* ProcessTreeModel::findChild(Node& parent, std::int64_t processId)
{
    ensureFetched(parent);
    for (const auto& child : parent.children) {
        if (child->kind == Node::Kind::Process && child->process.id == processId)
            return child.get();
    }
    return nullptr;
}

ProcessTreeModel::Node* ProcessTreeModel::hostNode(const std::optional<std::string>& hostId)
{
    for (const auto& host : root_->children) {
        if (host->hostId == hostId)
            return host.get();
    }
    return nullptr;
}

QModelIndex ProcessTreeModel::indexForProcess(std::int64_t processId)
{
    if (!case_)
        return {};
    std::vector<analysis::ProcessNode> chain;
    try {
        chain = analysis::ancestry(case_->db(), processId);
    } catch (const store::StoreError& error) {
        qCWarning(lcModels) << "cannot read the ancestry of process" << processId << ":" << error.what();
    }
    if (chain.empty())
        return {};

    Node* node = hostNode(chain.front().hostId);
    if (node && chain.front().isOrphan()) {
        ensureFetched(*node);
        node = node->children.empty() || node->children.back()->kind != Node::Kind::UnknownParent
                   ? nullptr
                   : node->children.back().get();
    }
    for (const analysis::ProcessNode& link : chain) {
        if (!node)
            break;
        node = findChild(*node, link.id);
    }
    if (!node)
        qCWarning(lcModels) << "process" << processId << "is not reachable from its host in the tree";
    return node ? indexFor(node) : QModelIndex();
}

std::int64_t ProcessTreeModel::processId(const QModelIndex& index) const
{
    const Node* node = index.isValid() ? nodeFor(index) : nullptr;
    return node && node->kind == Node::Kind::Process ? node->process.id : 0;
}

QVariant ProcessTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node& node = *nodeFor(index);
    const bool isProcess = node.kind == Node::Kind::Process;
    const auto found = isProcess ? findingProcesses_.find(node.process.id) : findingProcesses_.end();
    const bool inFinding = found != findingProcesses_.end();
    const bool bookmarked = isProcess && bookmarkedProcesses_.count(node.process.id) > 0;
    switch (role) {
    case Qt::DisplayRole:
        return displayData(node, index.column());
    case Qt::DecorationRole:
        if (index.column() != NameColumn)
            return {};
        if (inFinding)
            return reviewIcon(found->second);
        return bookmarked ? QVariant(bookmarkIcon()) : QVariant();
    case Qt::FontRole:
        if (!isProcess || !node.process.entityInferred)
            return {};
        {
            QFont font;
            font.setItalic(true);
            return font;
        }
    case Qt::ToolTipRole:
        return toolTip(node, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == PidColumn || index.column() == ExitCodeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ProcessIdRole:
        return isProcess ? QVariant::fromValue<qint64>(node.process.id) : QVariant();
    case InFindingRole:
        return inFinding;
    case ReviewStateRole:
        return inFinding ? QVariant(static_cast<int>(found->second)) : QVariant();
    case InferredRole:
        return isProcess && node.process.entityInferred;
    case BookmarkedRole:
        return bookmarked;
    case MatchesFilterRole:
        return !isProcess || !filterProcesses_ ||
               std::binary_search(filterProcesses_->begin(), filterProcesses_->end(), node.process.id);
    case Qt::ForegroundRole:
        if (data(index, MatchesFilterRole).toBool())
            return {};
        return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
    default:
        return {};
    }
}

QVariant ProcessTreeModel::toolTip(const Node& node, int column) const
{
    if (node.kind != Node::Kind::Process)
        return {};
    if (column == CommandLineColumn)
        return utf8(node.process.commandLine);
    if (column != NameColumn)
        return {};
    QStringList lines;
    const auto found = findingProcesses_.find(node.process.id);
    if (found != findingProcesses_.end())
        lines.append(tr("Step of a finding: %1").arg(reviewText(found->second)));
    if (bookmarkedProcesses_.count(node.process.id) > 0)
        lines.append(tr("An event of this process is bookmarked"));
    if (node.process.entityInferred) {
        lines.append(tr("Inferred identity: the events have no process.entity_id, so this generation is keyed on "
                        "host, pid and start time (%1)")
                         .arg(utf8(node.process.entityKey)));
    } else {
        lines.append(tr("process.entity_id: %1").arg(utf8(node.process.entityKey)));
    }
    if (node.parent && node.parent->kind == Node::Kind::Process && node.parent->process.pid == node.process.pid)
        lines.append(tr("Started by exec in the generation above (same pid %1)").arg(node.process.pid.value_or(0)));
    return lines.join(QLatin1Char('\n'));
}

QVariant ProcessTreeModel::displayData(const Node& node, int column) const
{
    if (node.kind == Node::Kind::Host) {
        if (column != NameColumn)
            return {};
        const QString name = node.hostName.isEmpty() ? tr("(no host.name)") : node.hostName;
        return tr("%1 (%2 processes)").arg(name, QLocale().toString(node.processCount));
    }
    if (node.kind == Node::Kind::UnknownParent)
        return column == NameColumn ? tr("unknown parent") : QVariant();

    const analysis::ProcessNode& process = node.process;
    switch (column) {
    case NameColumn:
        return utf8(process.name);
    case PidColumn:
        return process.pid ? QVariant::fromValue<qint64>(*process.pid) : QVariant();
    case UserColumn:
        return utf8(process.user);
    case StartColumn:
        return isoTime(process.startNs);
    case EndColumn:
        return isoTime(process.endNs);
    case ExitCodeColumn:
        return process.exitCode ? QVariant::fromValue<qint64>(*process.exitCode) : QVariant();
    case CommandLineColumn:
        return utf8(process.commandLine);
    default:
        return {};
    }
}

QVariant ProcessTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Process");
    case PidColumn:
        return tr("PID");
    case UserColumn:
        return tr("User");
    case StartColumn:
        return tr("Start (UTC)");
    case EndColumn:
        return tr("End (UTC)");
    case ExitCodeColumn:
        return tr("Exit code");
    case CommandLineColumn:
        return tr("Command line");
    default:
        return {};
    }
}

} // namespace spoor::ui
