#include "workspace/recent_files.h"

#include "plain_tool_tip.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace spoor::ui {

namespace {

const QString settingsKey = QStringLiteral("recentCases");

} // namespace

RecentFiles::RecentFiles(QObject* parent) : QObject(parent), menu_(new QMenu(tr("Open &recent")))
{
    menu_->setObjectName(QStringLiteral("recentFilesMenu"));
    connect(this, &QObject::destroyed, menu_, &QObject::deleteLater);
    rebuildMenu();
}

void RecentFiles::add(const QString& path)
{
    const QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    QStringList list = paths();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > maxFiles)
        list.removeLast();
    QSettings().setValue(settingsKey, list);
    rebuildMenu();
}

void RecentFiles::clear()
{
    QSettings().remove(settingsKey);
    rebuildMenu();
}

QStringList RecentFiles::paths() const
{
    return QSettings().value(settingsKey).toStringList();
}

void RecentFiles::rebuildMenu()
{
    menu_->clear();
    const QStringList list = paths();
    for (int position = 0; position < list.size(); ++position) {
        const QString& path = list.at(position);
        // The first nine get a mnemonic digit, as in most editors.
        // A menu reads "&" as the mark of a mnemonic, so the "&" of a file name is doubled.
        const QString name = QFileInfo(path).fileName().replace(QLatin1Char('&'), QLatin1String("&&"));
        const QString label = position < 9 ? QStringLiteral("&%1 %2").arg(position + 1).arg(name) : name;
        QAction* action = menu_->addAction(label, this, [this, path] { emit openRequested(path); });
        action->setStatusTip(path);
        action->setToolTip(plainToolTip(path));
        action->setEnabled(QFileInfo::exists(path));
    }
    if (!list.isEmpty())
        menu_->addSeparator();
    QAction* clearAction = menu_->addAction(tr("&Clear list"), this, &RecentFiles::clear);
    clearAction->setEnabled(!list.isEmpty());
    menu_->setEnabled(true);
}

} // namespace spoor::ui
