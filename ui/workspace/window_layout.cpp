#include "workspace/window_layout.h"

#include <QHeaderView>
#include <QMainWindow>
#include <QSettings>
#include <QSplitter>

namespace spoor::ui {

namespace {

// The layout of the window changes between versions; a stored state of another version is ignored.
constexpr int layoutVersion = 1;

QString splitterKey(const QSplitter& splitter)
{
    return QStringLiteral("window/splitters/") + splitter.objectName();
}

// A header is named after its view ("events", "processes"), because QHeaderView itself has no name.
QString headerKey(const QHeaderView& header)
{
    return QStringLiteral("window/headers/") + header.parent()->objectName();
}

bool hasNamedParent(const QHeaderView& header)
{
    return header.parent() && !header.parent()->objectName().isEmpty() && header.orientation() == Qt::Horizontal;
}

} // namespace

void saveWindowLayout(const QMainWindow& window)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), window.saveGeometry());
    settings.setValue(QStringLiteral("window/state"), window.saveState(layoutVersion));
    for (const QSplitter* splitter : window.findChildren<QSplitter*>()) {
        if (!splitter->objectName().isEmpty())
            settings.setValue(splitterKey(*splitter), splitter->saveState());
    }
    for (const QHeaderView* header : window.findChildren<QHeaderView*>()) {
        if (hasNamedParent(*header))
            settings.setValue(headerKey(*header), header->saveState());
    }
}

void restoreWindowLayout(QMainWindow& window)
{
    const QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    if (!geometry.isEmpty())
        window.restoreGeometry(geometry);
    const QByteArray state = settings.value(QStringLiteral("window/state")).toByteArray();
    if (!state.isEmpty())
        window.restoreState(state, layoutVersion);
    for (QSplitter* splitter : window.findChildren<QSplitter*>()) {
        const QByteArray sizes =
            splitter->objectName().isEmpty() ? QByteArray() : settings.value(splitterKey(*splitter)).toByteArray();
        if (!sizes.isEmpty())
            splitter->restoreState(sizes);
    }
    for (QHeaderView* header : window.findChildren<QHeaderView*>()) {
        const QByteArray columns =
            hasNamedParent(*header) ? settings.value(headerKey(*header)).toByteArray() : QByteArray();
        if (!columns.isEmpty())
            header->restoreState(columns);
    }
}

} // namespace spoor::ui
