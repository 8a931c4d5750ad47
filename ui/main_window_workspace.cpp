// The workspace parts of the main window: recent files, the View and Help menus, shortcuts for moving
// between findings and the theme. Kept apart from main_window.cpp, which builds the views.
#include "main_window.h"
#include "models/findings_model.h"
#include "rules_panel/rules_panel.h"
#include "timeline/sshd_timeline_view.h"
#include "timeline/timeline_canvas.h"
#include "widgets/filter_bar.h"
#include "widgets/findings_panel.h"
#include "widgets/process_tree_panel.h"
#include "workspace/finding_navigation.h"
#include "workspace/recent_files.h"
#include "workspace/shortcuts_dialog.h"
#include "workspace/theme.h"

#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QTreeView>

namespace spoor::ui {

namespace {

QMenu* menuNamed(QMenuBar* menuBar, const QString& title)
{
    for (QAction* action : menuBar->actions()) {
        if (action->menu() && action->text() == title)
            return action->menu();
    }
    return nullptr;
}

void addThemeMenu(QMenu* view, QObject* owner)
{
    QMenu* themes = view->addMenu(QObject::tr("&Theme"));
    auto* group = new QActionGroup(owner);
    const Theme current = savedTheme();
    const std::pair<Theme, QString> choices[] = {{Theme::System, QObject::tr("&System")},
                                                 {Theme::Light, QObject::tr("&Light")},
                                                 {Theme::Dark, QObject::tr("&Dark")}};
    for (const auto& [theme, label] : choices) {
        QAction* action = themes->addAction(label);
        action->setCheckable(true);
        action->setChecked(theme == current);
        action->setActionGroup(group);
        QObject::connect(action, &QAction::triggered, owner, [theme = theme] {
            saveTheme(theme);
            applyTheme(theme);
        });
    }
}

} // namespace

void MainWindow::createWorkspaceMenus()
{
    applyTheme(savedTheme());

    recentFiles_ = new RecentFiles(this);
    connect(recentFiles_, &RecentFiles::openRequested, this, [this](const QString& path) { openCase(path); });
    if (QMenu* file = menuNamed(menuBar(), tr("&File"))) {
        QAction* before = file->actions().size() > 2 ? file->actions().at(2) : nullptr;
        file->insertMenu(before, recentFiles_->menu());
    }

    if (QMenu* findings = menuNamed(menuBar(), tr("F&indings"))) {
        findings->addSeparator();
        QAction* next = findings->addAction(tr("&Next finding"), this, [this] { selectAdjacentFinding(1); });
        next->setShortcut(QKeySequence(Qt::Key_F8));
        QAction* previous = findings->addAction(tr("&Previous finding"), this, [this] { selectAdjacentFinding(-1); });
        previous->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F8));
    }

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* filter = view->addAction(tr("&Filter events"), this, [this] {
        filterBar()->lineEdit()->setFocus(Qt::ShortcutFocusReason);
        filterBar()->lineEdit()->selectAll();
    });
    filter->setShortcut(QKeySequence(tr("Ctrl+L")));
    filter->setStatusTip(tr("Move the focus to the EQL filter bar above the event table"));
    view->addSeparator();
    view->addAction(processPanel_->findAction());
    view->addAction(processPanel_->nextAction());
    view->addAction(processPanel_->previousAction());
    view->addAction(processPanel_->ancestryAction());
    view->addSeparator();
    QAction* zoomBack = view->addAction(tr("Timeline zoom &back"), this, [this] { timeline_->canvas()->zoomBack(); });
    zoomBack->setShortcut(QKeySequence(tr("Alt+Left")));
    QAction* zoomReset = view->addAction(tr("&Reset timeline zoom"), this, [this] { timeline_->canvas()->fitAll(); });
    zoomReset->setShortcut(QKeySequence(tr("Ctrl+0")));
    view->addSeparator();
    view->addAction(rulesDock_->toggleViewAction());
    addThemeMenu(view, this);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* shortcuts = help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    shortcuts->setShortcut(QKeySequence(tr("Ctrl+/")));
}

void MainWindow::selectAdjacentFinding(int step)
{
    QTreeView* view = findingsView();
    const QModelIndex next = adjacentFinding(*findingsModel_, view->currentIndex(), step);
    if (!next.isValid())
        return;
    view->selectionModel()->setCurrentIndex(next, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->scrollTo(next);
}

void MainWindow::showShortcuts()
{
    auto* dialog = new ShortcutsDialog(*menuBar(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

} // namespace spoor::ui
