#include "widgets/findings_panel.h"

#include "logging.h"
#include "models/findings_model.h"
#include "store/case_file.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QSpinBox>
#include <QTreeView>
#include <QVBoxLayout>
#include <set>

namespace spoor::ui {

namespace {

using Grouping = FindingsPanel::Grouping;

std::optional<analysis::GroupKey> keyFor(Grouping grouping)
{
    switch (grouping) {
    case Grouping::None:
        return std::nullopt;
    case Grouping::RuleVersion:
        return analysis::GroupKey::RuleVersion;
    case Grouping::Host:
        return analysis::GroupKey::Host;
    case Grouping::User:
        return analysis::GroupKey::User;
    case Grouping::CommandLine:
        return analysis::GroupKey::StepCommandLine;
    case Grouping::Executable:
        return analysis::GroupKey::StepExecutable;
    case Grouping::ProcessName:
        return analysis::GroupKey::StepProcessName;
    case Grouping::Parent:
        return analysis::GroupKey::StepParent;
    }
    return std::nullopt;
}

} // namespace

FindingsPanel::FindingsPanel(FindingsModel* model, QWidget* parent)
    : QWidget(parent), model_(model), grouping_(new QComboBox(this)), stepLabel_(new QLabel(tr("of step"), this)),
      step_(new QSpinBox(this)), hideBenign_(new QCheckBox(tr("&Hide benign"), this)), view_(new QTreeView(this))
{
    grouping_->setObjectName(QStringLiteral("groupBy"));
    grouping_->addItems({tr("No grouping"), tr("Rule version"), tr("Host"), tr("User"), tr("Command line"),
                         tr("Executable"), tr("Process name"), tr("Parent command line")});
    grouping_->setToolTip(tr("Group the findings by a value they share; groups are listed largest first"));
    step_->setRange(1, 16);
    step_->setValue(2);
    step_->setToolTip(tr("The step of the sequence whose event the grouping reads"));
    hideBenign_->setToolTip(tr("Hide findings marked benign, by hand or by an exclusion"));

    view_->setObjectName(QStringLiteral("findings"));
    view_->setModel(model_);
    view_->setUniformRowHeights(true);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    view_->setAllColumnsShowFocus(true);
    int column = 0;
    for (const int width : {230, 45, 85, 55, 55, 45, 215})
        view_->header()->resizeSection(column++, width);

    auto* tools = new QHBoxLayout;
    tools->addWidget(new QLabel(tr("Group by"), this));
    tools->addWidget(grouping_);
    tools->addWidget(stepLabel_);
    tools->addWidget(step_);
    tools->addStretch(1);
    tools->addWidget(hideBenign_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(tools);
    layout->addWidget(view_, 1);

    createActions();
    grouping_->setCurrentIndex(static_cast<int>(Grouping::CommandLine));
    connect(grouping_, &QComboBox::currentIndexChanged, this, &FindingsPanel::applyGrouping);
    connect(step_, &QSpinBox::valueChanged, this, &FindingsPanel::applyGrouping);
    connect(hideBenign_, &QCheckBox::toggled, this, [this](bool hide) {
        pendingState_ = saveViewState();
        model_->setHideBenign(hide);
    });
    connect(model_, &FindingsModel::loaded, this, &FindingsPanel::restoreViewState);
    connect(view_, &QWidget::customContextMenuRequested, this, &FindingsPanel::showContextMenu);
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &FindingsPanel::updateActions);
    connect(view_->selectionModel(), &QItemSelectionModel::currentChanged, this, &FindingsPanel::updateActions);
    applyGrouping();
}

void FindingsPanel::createActions()
{
    markBenign_ = new QAction(tr("Mark &benign…"), this);
    markBenign_->setShortcut(QKeySequence(tr("Ctrl+B")));
    markBenign_->setStatusTip(tr("Record that the selected findings are benign, with a reason"));
    connect(markBenign_, &QAction::triggered, this, [this] { askAndMark(analysis::Verdict::Benign); });

    markMalicious_ = new QAction(tr("Mark &malicious…"), this);
    markMalicious_->setShortcut(QKeySequence(tr("Ctrl+M")));
    markMalicious_->setStatusTip(tr("Record that the selected findings are malicious, with a reason"));
    connect(markMalicious_, &QAction::triggered, this, [this] { askAndMark(analysis::Verdict::Malicious); });

    clear_ = new QAction(tr("&Clear verdict"), this);
    clear_->setShortcut(QKeySequence(tr("Ctrl+U")));
    clear_->setStatusTip(tr("Remove the verdict of the selected findings"));
    connect(clear_, &QAction::triggered, this, &FindingsPanel::clearSelection);

    exclude_ = new QAction(tr("E&xclude similar from later runs…"), this);
    exclude_->setShortcut(QKeySequence(tr("Ctrl+Shift+B")));
    exclude_->setStatusTip(tr("Mark the current group benign, and every later finding of its rule with the same "
                              "value too"));
    connect(exclude_, &QAction::triggered, this, &FindingsPanel::askAndExclude);
    updateActions();
}

void FindingsPanel::setCase(std::shared_ptr<store::CaseFile> caseFile, bool writable)
{
    case_ = std::move(caseFile);
    writable_ = writable;
    pendingState_ = saveViewState();
    model_->setCase(case_);
}

void FindingsPanel::setEditable(bool editable)
{
    editable_ = editable;
    updateActions();
}

void FindingsPanel::setGrouping(Grouping grouping, int step)
{
    const QSignalBlocker blockStep(step_);
    step_->setValue(step);
    if (grouping_->currentIndex() == static_cast<int>(grouping))
        applyGrouping();
    else
        grouping_->setCurrentIndex(static_cast<int>(grouping));
}

FindingsPanel::Grouping FindingsPanel::grouping() const
{
    return static_cast<Grouping>(grouping_->currentIndex());
}

void FindingsPanel::setHideBenign(bool hide)
{
    hideBenign_->setChecked(hide);
}

void FindingsPanel::applyGrouping()
{
    const auto key = keyFor(grouping());
    const bool stepKey = key && analysis::isStepKey(*key);
    stepLabel_->setEnabled(stepKey);
    step_->setEnabled(stepKey);
    view_->setColumnHidden(FindingsModel::CountColumn, !key);
    // Only the current finding carries over: the groups of the old key are not those of the new one.
    ViewState state;
    state.currentFinding = saveViewState().currentFinding;
    pendingState_ = state;
    model_->setGrouping(key, step_->value() - 1);
}

void FindingsPanel::reloadKeepingState()
{
    pendingState_ = saveViewState();
    model_->reload();
}

FindingsPanel::ViewState FindingsPanel::saveViewState() const
{
    ViewState state;
    for (int row = 0; row < model_->rowCount(); ++row) {
        const QModelIndex index = model_->index(row, 0);
        if (model_->isGroup(index) && view_->isExpanded(index))
            state.expanded.insert(model_->group(index)->value);
    }
    const QModelIndex current = view_->currentIndex();
    if (model_->isGroup(current))
        state.currentGroup = model_->group(current)->value;
    else
        state.currentFinding = model_->findingId(current);
    return state;
}

void FindingsPanel::restoreViewState()
{
    const ViewState state = pendingState_.value_or(ViewState{});
    pendingState_.reset();
    // A group of one finding is opened, so that a lone finding such as an exploitation is one click away.
    for (int row = 0; row < model_->rowCount(); ++row) {
        const QModelIndex index = model_->index(row, 0);
        const bool single = model_->rowCount(index) == 1;
        if (single || (model_->isGroup(index) && state.expanded.count(model_->group(index)->value) > 0))
            view_->expand(index);
    }
    QModelIndex current;
    if (state.currentGroup)
        current = model_->indexOfGroup(*state.currentGroup);
    else if (state.currentFinding)
        current = model_->indexOfFinding(state.currentFinding);
    if (current.isValid()) {
        view_->selectionModel()->setCurrentIndex(current,
                                                 QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        view_->scrollTo(current);
    }
    updateActions();
}

std::vector<std::int64_t> FindingsPanel::selectedFindings() const
{
    std::set<std::int64_t> ids;
    for (const QModelIndex& index : view_->selectionModel()->selectedRows()) {
        for (const std::int64_t id : model_->findingIds(index))
            ids.insert(id);
    }
    return {ids.begin(), ids.end()};
}

void FindingsPanel::updateActions()
{
    const bool canWrite = case_ && writable_ && editable_;
    const bool selected = view_->selectionModel()->hasSelection();
    markBenign_->setEnabled(canWrite && selected);
    markMalicious_->setEnabled(canWrite && selected);
    clear_->setEnabled(canWrite && selected);
    const auto key = keyFor(grouping());
    const QModelIndex current = view_->currentIndex();
    const bool inGroup = model_->isGroup(current) || model_->isGroup(current.parent());
    exclude_->setEnabled(canWrite && inGroup && key && *key != analysis::GroupKey::RuleVersion);
}

void FindingsPanel::showContextMenu(const QPoint& position)
{
    QMenu menu(this);
    menu.addAction(markBenign_);
    menu.addAction(markMalicious_);
    menu.addAction(clear_);
    menu.addSeparator();
    menu.addAction(exclude_);
    menu.exec(view_->viewport()->mapToGlobal(position));
}

bool FindingsPanel::fail(const QString& message)
{
    qCWarning(lcMainWindow) << "verdict not stored:" << message;
    emit errorOccurred(message);
    return false;
}

std::optional<QString> FindingsPanel::askReason(const QString& title, const QString& label)
{
    bool accepted = false;
    const QString reason = QInputDialog::getText(this, title, label, QLineEdit::Normal, QString(), &accepted);
    return accepted ? std::optional(reason) : std::nullopt;
}

void FindingsPanel::askAndMark(analysis::Verdict verdict)
{
    const auto count = static_cast<qlonglong>(selectedFindings().size());
    const bool benign = verdict == analysis::Verdict::Benign;
    const QString title = benign ? tr("Mark benign") : tr("Mark malicious");
    const QString label = benign ? tr("Why are the %n selected findings benign?", nullptr, int(count))
                                 : tr("Why are the %n selected findings malicious?", nullptr, int(count));
    if (const auto reason = askReason(title, label))
        markSelection(verdict, *reason);
}

void FindingsPanel::askAndExclude()
{
    QModelIndex current = view_->currentIndex();
    if (!model_->isGroup(current))
        current = current.parent();
    const analysis::FindingGroup* group = model_->group(current);
    if (!group)
        return;
    const QString label = tr("Findings of later runs whose %1 is\n%2\nwill be marked benign. Why are they benign?")
                              .arg(grouping_->currentText(), QString::fromStdString(group->label));
    if (const auto reason = askReason(tr("Exclude similar from later runs"), label)) {
        view_->setCurrentIndex(current);
        excludeCurrentGroup(*reason);
    }
}

bool FindingsPanel::markSelection(analysis::Verdict verdict, const QString& reason)
{
    const std::vector<std::int64_t> ids = selectedFindings();
    if (!case_ || ids.empty())
        return fail(tr("Select findings or groups to mark first."));
    try {
        analysis::setVerdict(case_->db(), ids, verdict, reason.toStdString());
    } catch (const std::exception& error) {
        return fail(tr("Cannot store the verdict: %1").arg(QString::fromUtf8(error.what())));
    }
    qCInfo(lcMainWindow) << "marked" << ids.size() << "findings" << analysis::verdictName(verdict).data();
    reloadKeepingState();
    emit verdictsChanged();
    return true;
}

bool FindingsPanel::clearSelection()
{
    const std::vector<std::int64_t> ids = selectedFindings();
    if (!case_ || ids.empty())
        return fail(tr("Select findings or groups to clear first."));
    try {
        analysis::clearVerdict(case_->db(), ids);
    } catch (const std::exception& error) {
        return fail(tr("Cannot clear the verdict: %1").arg(QString::fromUtf8(error.what())));
    }
    reloadKeepingState();
    emit verdictsChanged();
    return true;
}

bool FindingsPanel::excludeCurrentGroup(const QString& reason)
{
    QModelIndex current = view_->currentIndex();
    if (!model_->isGroup(current))
        current = current.parent();
    const analysis::FindingGroup* group = model_->group(current);
    if (!case_ || !group)
        return fail(tr("Group the findings (for instance by command line) and select a group to exclude."));
    try {
        const auto ids = analysis::excludeGroup(case_->db(), *group, model_->groupingRequest(), reason.toStdString());
        QStringList idTexts;
        for (const std::int64_t id : ids)
            idTexts.append(QString::number(id));
        qCInfo(lcMainWindow).noquote() << "added exclusions" << idTexts.join(QLatin1String(", ")) << "for"
                                       << group->count() << "findings";
    } catch (const std::exception& error) {
        return fail(tr("Cannot exclude the group: %1").arg(QString::fromUtf8(error.what())));
    }
    reloadKeepingState();
    emit verdictsChanged();
    return true;
}

} // namespace spoor::ui
