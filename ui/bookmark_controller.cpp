#include "bookmark_controller.h"

#include "analysis/process_tree.h"
#include "logging.h"
#include "models/bookmarked_processes.h"
#include "models/bookmarks.h"
#include "models/event_table_model.h"
#include "models/process_tree_model.h"
#include "store/case_file.h"

#include <QAction>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QMenu>
#include <QTableView>
#include <QTreeView>

namespace spoor::ui {

BookmarkController::BookmarkController(QTableView* events, EventTableModel* eventsModel, QTreeView* processes,
                                       ProcessTreeModel* processModel, QObject* parent)
    : QObject(parent), events_(events), eventsModel_(eventsModel), processes_(processes), processModel_(processModel),
      bookmark_(new QAction(tr("&Bookmark event…"), this)), remove_(new QAction(tr("Re&move bookmark"), this))
{
    bookmark_->setShortcut(QKeySequence(tr("Ctrl+D")));
    bookmark_->setStatusTip(tr("Bookmark the selected event, or the event that started the selected process, "
                               "with an optional note"));
    remove_->setShortcut(QKeySequence(tr("Ctrl+Shift+D")));
    remove_->setStatusTip(tr("Remove the bookmark of the selected event or process"));
    connect(bookmark_, &QAction::triggered, this, [this] {
        if (const std::int64_t event = currentEvent())
            askNote(event);
    });
    connect(remove_, &QAction::triggered, this, [this] {
        if (const std::int64_t event = currentEvent())
            removeBookmark(event);
    });
    connect(events_->selectionModel(), &QItemSelectionModel::currentChanged, this, &BookmarkController::updateActions);
    connect(processes_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &BookmarkController::updateActions);
    processes_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(processes_, &QWidget::customContextMenuRequested, this, &BookmarkController::showTreeMenu);
    updateActions();
}

void BookmarkController::setCase(std::shared_ptr<store::CaseFile> caseFile, bool writable)
{
    case_ = std::move(caseFile);
    writable_ = writable && case_;
    reload();
}

void BookmarkController::reload()
{
    bookmarks_.clear();
    std::set<std::int64_t> processes;
    if (case_) {
        try {
            bookmarks_ = loadBookmarks(case_->db());
            processes = loadBookmarkedProcesses(case_->db());
        } catch (const store::StoreError& error) {
            qCWarning(lcMainWindow) << "cannot read the bookmarks of" << case_->path().c_str() << ":" << error.what();
            emit errorOccurred(tr("Reading the bookmarks of %1 failed: %2")
                                   .arg(QString::fromStdString(case_->path()), QString::fromUtf8(error.what())));
        }
    }
    eventsModel_->setBookmarks(bookmarks_);
    processModel_->setBookmarkedProcesses(std::move(processes));
    updateActions();
}

std::int64_t BookmarkController::processStartEvent(const QModelIndex& index) const
{
    const std::int64_t processId = processModel_->processId(index);
    if (!case_ || processId <= 0)
        return 0;
    try {
        const auto process = analysis::loadProcess(case_->db(), processId);
        return process && process->startEvent ? *process->startEvent : 0;
    } catch (const store::StoreError& error) {
        qCWarning(lcMainWindow) << "cannot read process" << processId << ":" << error.what();
        return 0;
    }
}

std::int64_t BookmarkController::currentEvent() const
{
    const QModelIndex process = processes_->currentIndex();
    if (processes_->hasFocus() && process.isValid())
        return processStartEvent(process);
    const QModelIndex event = events_->currentIndex();
    if (event.isValid())
        return eventsModel_->eventId(event.row());
    return process.isValid() ? processStartEvent(process) : 0;
}

bool BookmarkController::setBookmark(std::int64_t eventId, const QString& note)
{
    if (!case_ || !writable_)
        return false;
    try {
        addBookmark(case_->db(), eventId, note);
    } catch (const store::StoreError& error) {
        qCWarning(lcMainWindow) << "cannot bookmark event" << eventId << ":" << error.what();
        emit errorOccurred(tr("Bookmarking event %1 failed: %2").arg(eventId).arg(QString::fromUtf8(error.what())));
        return false;
    }
    qCInfo(lcMainWindow) << "bookmarked event" << eventId;
    reload();
    emit bookmarksChanged();
    return true;
}

bool BookmarkController::removeBookmark(std::int64_t eventId)
{
    if (!case_ || !writable_ || bookmarks_.count(eventId) == 0)
        return false;
    try {
        ui::removeBookmark(case_->db(), eventId);
    } catch (const store::StoreError& error) {
        qCWarning(lcMainWindow) << "cannot remove the bookmark of event" << eventId << ":" << error.what();
        emit errorOccurred(
            tr("Removing the bookmark of event %1 failed: %2").arg(eventId).arg(QString::fromUtf8(error.what())));
        return false;
    }
    qCInfo(lcMainWindow) << "removed the bookmark of event" << eventId;
    reload();
    emit bookmarksChanged();
    return true;
}

QInputDialog* BookmarkController::askNote(std::int64_t eventId)
{
    if (!case_ || !writable_)
        return nullptr;
    auto* dialog = new QInputDialog(events_->window());
    dialog->setObjectName(QStringLiteral("bookmarkNoteDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Bookmark event %1").arg(eventId));
    dialog->setLabelText(tr("Note (optional):"));
    const auto existing = bookmarks_.find(eventId);
    if (existing != bookmarks_.end())
        dialog->setTextValue(existing->second);
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, eventId](const QString& note) { setBookmark(eventId, note); });
    dialog->open();
    return dialog;
}

void BookmarkController::addMenuEntries(QMenu& menu, std::int64_t eventId)
{
    const bool bookmarked = bookmarks_.count(eventId) > 0;
    QAction* add = menu.addAction(bookmarked ? tr("Edit bookmark note…") : tr("Bookmark…"), this,
                                  [this, eventId] { askNote(eventId); });
    add->setEnabled(writable_ && eventId > 0);
    QAction* remove = menu.addAction(tr("Remove bookmark"), this, [this, eventId] { removeBookmark(eventId); });
    remove->setEnabled(writable_ && bookmarked);
}

void BookmarkController::showTreeMenu(const QPoint& position)
{
    const QModelIndex index = processes_->indexAt(position);
    const std::int64_t event = index.isValid() ? processStartEvent(index) : 0;
    if (event <= 0)
        return;
    QMenu menu;
    addMenuEntries(menu, event);
    menu.exec(processes_->viewport()->mapToGlobal(position));
}

void BookmarkController::updateActions()
{
    const bool target = events_->currentIndex().isValid() || processes_->currentIndex().isValid();
    bookmark_->setEnabled(writable_ && target);
    remove_->setEnabled(writable_ && !bookmarks_.empty() && target);
}

} // namespace spoor::ui
