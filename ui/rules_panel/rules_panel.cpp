#include "rules_panel/rules_panel.h"

#include "rules_panel/rule_editor_dialog.h"
#include "rules_panel/rules_model.h"

#include <QAction>
#include <QFileDialog>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>
#include <set>

namespace spoor::ui {

RulesPanel::RulesPanel(QWidget* parent)
    : QWidget(parent), model_(new RulesModel(this)), view_(new QTableView(this)),
      addFiles_(new QAction(tr("Add &files…"), this)), addFolder_(new QAction(tr("Add f&older…"), this)),
      edit_(new QAction(tr("&Edit query…"), this)), runSelected_(new QAction(tr("Run &selected rules"), this)),
      runEnabled_(new QAction(tr("Run e&nabled rules"), this))
{
    view_->setObjectName(QStringLiteral("rules"));
    view_->setModel(model_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setWordWrap(false);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setStretchLastSection(true);
    const int widths[] = {34, 260, 150, 70, 45, 70, 130, 320};
    for (int column = 0; column < static_cast<int>(std::size(widths)); ++column)
        view_->horizontalHeader()->resizeSection(column, widths[column]);

    addFiles_->setStatusTip(tr("Load detection rules from TOML files"));
    addFolder_->setStatusTip(tr("Load every *.toml rule under a folder"));
    edit_->setStatusTip(tr("Edit the query of the current rule and run it as a new version"));
    runSelected_->setShortcut(QKeySequence(tr("Ctrl+Shift+R")));
    runSelected_->setStatusTip(tr("Run the selected rules over the case in the background"));
    runEnabled_->setStatusTip(tr("Run every enabled rule over the case in the background"));
    connect(addFiles_, &QAction::triggered, this, &RulesPanel::chooseFiles);
    connect(addFolder_, &QAction::triggered, this, &RulesPanel::chooseFolder);
    connect(edit_, &QAction::triggered, this, &RulesPanel::editCurrent);
    connect(runSelected_, &QAction::triggered, this, [this] {
        auto rules = model_->runnableRules(selectedRows());
        if (!rules.empty())
            emit runRequested(rules);
    });
    connect(runEnabled_, &QAction::triggered, this, [this] {
        auto rules = model_->enabledRules();
        if (!rules.empty())
            emit runRequested(rules);
    });
    connect(view_, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.column() != RulesModel::EnabledColumn)
            editRule(index.row());
    });
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RulesPanel::updateActions);
    connect(model_, &RulesModel::errorOccurred, this, &RulesPanel::errorOccurred);
    connect(model_, &QAbstractItemModel::modelReset, this, &RulesPanel::updateActions);

    auto* tools = new QToolBar(this);
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools->addAction(addFiles_);
    tools->addAction(addFolder_);
    tools->addSeparator();
    tools->addAction(edit_);
    tools->addSeparator();
    tools->addAction(runSelected_);
    tools->addAction(runEnabled_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tools);
    layout->addWidget(view_, 1);
    updateActions();
}

void RulesPanel::setCase(std::shared_ptr<store::CaseFile> caseFile, bool writable)
{
    model_->setCase(std::move(caseFile), writable);
}

void RulesPanel::setRunAllowed(bool allowed)
{
    runAllowed_ = allowed;
    updateActions();
}

void RulesPanel::addPaths(const QStringList& paths)
{
    const int firstNew = model_->rowCount();
    if (model_->addPaths(paths) == 0)
        return;
    for (int row = firstNew; row < model_->rowCount(); ++row) {
        if (!model_->index(row, 0).data(RulesModel::ProblemRole).toString().isEmpty()) {
            view_->selectRow(row);
            view_->scrollTo(model_->index(row, 0));
            break;
        }
    }
}

RuleEditorDialog* RulesPanel::editRule(int row)
{
    const rules::Rule* rule = model_->rule(row);
    if (!rule)
        return nullptr;
    auto* dialog = new RuleEditorDialog(*rule, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RuleEditorDialog::runRequested, this, &RulesPanel::runEditedCopy);
    dialog->show();
    return dialog;
}

void RulesPanel::runEditedCopy(const rules::Rule& edited)
{
    const int row = model_->addEditedRule(edited);
    view_->selectRow(row);
    if (runAllowed_)
        emit runRequested({edited});
    else
        emit errorOccurred(tr("The edited rule was added but not run: open a case and wait for the running job to "
                              "finish, then run it from the rules panel."));
}

std::vector<int> RulesPanel::selectedRows() const
{
    std::set<int> rows;
    for (const QModelIndex& index : view_->selectionModel()->selectedRows())
        rows.insert(index.row());
    return {rows.begin(), rows.end()};
}

void RulesPanel::chooseFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Add rule files"), QString(),
                                                            tr("Detection rules (*.toml);;All files (*)"));
    if (!files.isEmpty())
        addPaths(files);
}

void RulesPanel::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Add a rule folder"));
    if (!folder.isEmpty())
        addPaths({folder});
}

void RulesPanel::editCurrent()
{
    const QModelIndex current = view_->currentIndex();
    if (current.isValid())
        editRule(current.row());
}

void RulesPanel::updateActions()
{
    const bool hasSelection = view_->selectionModel() && view_->selectionModel()->hasSelection();
    const QModelIndex current = view_->currentIndex();
    edit_->setEnabled(current.isValid() && model_->rule(current.row()) != nullptr);
    runSelected_->setEnabled(runAllowed_ && hasSelection);
    runEnabled_->setEnabled(runAllowed_ && model_->rowCount() > 0);
}

} // namespace spoor::ui
