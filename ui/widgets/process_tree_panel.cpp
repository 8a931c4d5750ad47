#include "widgets/process_tree_panel.h"

#include "jobs/worker_pool.h"
#include "logging.h"
#include "models/process_tree_model.h"
#include "plain_tool_tip.h"
#include "store/case_file.h"

#include <QAction>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace spoor::ui {

namespace {

QToolButton* toolButton(QAction* action, QWidget* parent)
{
    auto* button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setAutoRaise(true);
    return button;
}

} // namespace

struct ProcessTreePanel::SearchOutcome
{
    QString text;
    std::vector<std::int64_t> hits;
    QString error; // empty when the search succeeded
};

ProcessTreePanel::ProcessTreePanel(QTreeView* tree, ProcessTreeModel* model, QWidget* parent)
    : QWidget(parent), tree_(tree), model_(model), search_(new QLineEdit(this)), hits_(new QLabel(this)),
      find_(new QAction(tr("&Find in process tree"), this)), next_(new QAction(tr("Next match in process tree"), this)),
      previous_(new QAction(tr("Previous match in process tree"), this)),
      ancestry_(new QAction(tr("Show &ancestry only"), this))
{
    if (tree_->model() != model_)
        tree_->setModel(model_); // the selection model connected below belongs to the model
    search_->setObjectName(QStringLiteral("treeSearch"));
    search_->setPlaceholderText(tr("Find process: name, pid or command line"));
    search_->setClearButtonEnabled(true);
    hits_->setObjectName(QStringLiteral("treeSearchHits"));
    find_->setShortcut(QKeySequence(tr("Ctrl+Shift+F")));
    find_->setStatusTip(tr("Move the focus to the process tree's search field"));
    next_->setShortcut(QKeySequence::FindNext);
    next_->setToolTip(tr("Next match (%1)").arg(next_->shortcut().toString(QKeySequence::NativeText)));
    previous_->setShortcut(QKeySequence::FindPrevious);
    previous_->setToolTip(tr("Previous match (%1)").arg(previous_->shortcut().toString(QKeySequence::NativeText)));
    // The menu shows the text, the search row's tool buttons show the icon text.
    next_->setIconText(QStringLiteral("▼"));
    previous_->setIconText(QStringLiteral("▲"));
    ancestry_->setCheckable(true);
    ancestry_->setShortcut(QKeySequence(tr("Ctrl+Shift+A")));
    ancestry_->setStatusTip(tr("Hide every process that is not an ancestor of the selected one"));

    connect(find_, &QAction::triggered, this, [this] {
        search_->setFocus(Qt::ShortcutFocusReason);
        search_->selectAll();
    });
    connect(next_, &QAction::triggered, this, &ProcessTreePanel::findNext);
    connect(previous_, &QAction::triggered, this, &ProcessTreePanel::findPrevious);
    connect(ancestry_, &QAction::toggled, this, &ProcessTreePanel::setAncestryOnly);
    connect(search_, &QLineEdit::returnPressed, this, &ProcessTreePanel::searchEdited);
    connect(search_, &QLineEdit::textChanged, this, [this] {
        if (!searching_ && search_->text().trimmed() != searcher_.text())
            hits_->clear();
    });
    connect(model_, &QAbstractItemModel::modelReset, this, [this] {
        hiddenRows_.clear(); // a reset also clears the view's hidden rows
        ancestry_->setChecked(false);
    });
    connect(tree_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { currentChanged(current); });

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(search_, 1);
    bar->addWidget(hits_);
    bar->addWidget(toolButton(previous_, this));
    bar->addWidget(toolButton(next_, this));
    auto* ancestryButton = toolButton(ancestry_, this);
    ancestryButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    // The style draws a checked tool button almost like an unchecked one, so the switch is highlighted while on.
    ancestryButton->setStyleSheet(QStringLiteral(
        "QToolButton:checked { background-color: palette(highlight); color: palette(highlighted-text); }"));
    bar->addWidget(ancestryButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(tree_, 1);
}

ProcessTreePanel::~ProcessTreePanel()
{
    cancelSearch();
}

void ProcessTreePanel::setCase(std::shared_ptr<store::CaseFile> caseFile)
{
    cancelSearch();
    casePath_ = caseFile ? caseFile->path() : std::string();
    searcher_.clear();
    hits_->clear();
}

void ProcessTreePanel::cancelSearch()
{
    if (searchCancel_)
        searchCancel_->store(true);
    searchCancel_.reset();
    ++searchGeneration_; // a result still on its way is dropped
    searching_ = false;
}

void ProcessTreePanel::find(const QString& text)
{
    if (search_->text() != text)
        search_->setText(text);
    cancelSearch();
    const QString trimmed = text.trimmed();
    if (casePath_.empty() || trimmed.isEmpty()) {
        searchDone({trimmed, {}, {}});
        return;
    }
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    searchCancel_ = cancel;
    searching_ = true;
    searcher_.setHits(trimmed, {}); // no hits until the worker returns them
    updateHitLabel();
    const int generation = searchGeneration_;
    auto* watcher = new QFutureWatcher<SearchOutcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != searchGeneration_)
            return;
        searching_ = false;
        searchCancel_.reset();
        searchDone(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(workerPool(), [path = casePath_, trimmed, cancel] {
        SearchOutcome outcome{trimmed, {}, {}};
        try {
            auto caseFile = store::CaseFile::open(path, store::CaseFile::Access::ReadOnly);
            outcome.hits = findProcesses(caseFile.db(), trimmed, cancel.get());
        } catch (const store::StoreError& error) {
            outcome.error = QString::fromUtf8(error.what());
        }
        return outcome;
    }));
}

void ProcessTreePanel::searchDone(SearchOutcome outcome)
{
    searcher_.setHits(outcome.text, std::move(outcome.hits));
    if (!outcome.error.isEmpty()) {
        qCWarning(lcModels) << "searching the process tree for" << outcome.text << "failed:" << outcome.error;
        hits_->setText(tr("search failed"));
        hits_->setToolTip(plainToolTip(outcome.error));
        emit searchFinished(0);
        return;
    }
    hits_->setToolTip(QString());
    if (searcher_.count() > 0)
        findNext();
    updateHitLabel();
    emit searchFinished(searcher_.count());
}

void ProcessTreePanel::searchEdited()
{
    // Return on an unchanged search steps to the next hit, as in a browser's find bar, and waits while that
    // search still runs.
    if (search_->text().trimmed() != searcher_.text())
        find(search_->text());
    else if (!searching_ && searcher_.count() > 0)
        findNext();
}

bool ProcessTreePanel::findNext()
{
    const bool found = select(searcher_.next());
    updateHitLabel();
    return found;
}

bool ProcessTreePanel::findPrevious()
{
    const bool found = select(searcher_.previous());
    updateHitLabel();
    return found;
}

bool ProcessTreePanel::select(std::optional<std::int64_t> processId)
{
    if (!processId)
        return false;
    // indexForProcess reads the children of each ancestor as needed; scrollTo then expands them.
    const QModelIndex index = model_->indexForProcess(*processId);
    if (!index.isValid())
        return false;
    tree_->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    tree_->scrollTo(index, QAbstractItemView::EnsureVisible);
    return true;
}

void ProcessTreePanel::updateHitLabel()
{
    if (searcher_.text().isEmpty()) {
        hits_->clear();
        return;
    }
    if (searching_) {
        hits_->setText(tr("searching…"));
        return;
    }
    if (searcher_.count() == 0) {
        hits_->setText(tr("no match"));
        return;
    }
    hits_->setText(
        tr("%1 of %2").arg(QLocale().toString(searcher_.position() + 1), QLocale().toString(searcher_.count())));
}

void ProcessTreePanel::setAncestryOnly(bool only)
{
    if (ancestry_->isChecked() != only) {
        ancestry_->setChecked(only); // emits toggled, which calls this again
        return;
    }
    showAllRows();
    ancestryOnly_ = only;
    if (!only)
        return;
    const QModelIndex current = tree_->currentIndex().siblingAtColumn(0);
    if (!current.isValid()) {
        ancestry_->setChecked(false);
        return;
    }
    hideOffPath(current);
}

void ProcessTreePanel::currentChanged(const QModelIndex& current)
{
    if (!ancestryOnly_)
        return;
    showAllRows();
    if (current.isValid())
        hideOffPath(current.siblingAtColumn(0));
}

void ProcessTreePanel::hideOffPath(const QModelIndex& target)
{
    // Walk up from the target: at each level every sibling of the path's node is hidden and the path's
    // node is expanded, except the target itself, whose children are collapsed.
    tree_->collapse(target);
    QModelIndex onPath = target;
    while (onPath.isValid()) {
        const QModelIndex parent = onPath.parent();
        for (int row = 0; row < model_->rowCount(parent); ++row) {
            if (row == onPath.row() || tree_->isRowHidden(row, parent))
                continue;
            tree_->setRowHidden(row, parent, true);
            hiddenRows_.append(QPersistentModelIndex(model_->index(row, 0, parent)));
        }
        if (parent.isValid())
            tree_->expand(parent);
        onPath = parent;
    }
    tree_->scrollTo(target);
}

void ProcessTreePanel::showAllRows()
{
    for (const QPersistentModelIndex& index : std::as_const(hiddenRows_)) {
        if (index.isValid())
            tree_->setRowHidden(index.row(), index.parent(), false);
    }
    hiddenRows_.clear();
}

} // namespace spoor::ui
