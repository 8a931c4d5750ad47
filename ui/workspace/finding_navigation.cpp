#include "workspace/finding_navigation.h"

#include <QAbstractItemModel>
#include <vector>

namespace spoor::ui {

namespace {

// Lists the finding rows (column 0) in display order. The findings list contains far fewer rows than the
// event table, so walking it whole is cheap.
std::vector<QModelIndex> findingRows(const QAbstractItemModel& model)
{
    std::vector<QModelIndex> rows;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex top = model.index(row, 0);
        const int children = model.rowCount(top);
        if (children == 0)
            rows.push_back(top);
        for (int child = 0; child < children; ++child)
            rows.push_back(model.index(child, 0, top));
    }
    return rows;
}

} // namespace

QModelIndex adjacentFinding(const QAbstractItemModel& model, const QModelIndex& current, int step)
{
    const std::vector<QModelIndex> rows = findingRows(model);
    if (rows.empty())
        return {};
    const auto count = static_cast<long>(rows.size());
    long position = -1;
    const QModelIndex target = current.siblingAtColumn(0);
    for (long index = 0; index < count; ++index) {
        if (rows[static_cast<std::size_t>(index)] == target)
            position = index;
    }
    long next = 0;
    if (position < 0)
        next = step > 0 ? 0 : count - 1;
    else
        next = ((position + step) % count + count) % count;
    return rows[static_cast<std::size_t>(next)];
}

} // namespace spoor::ui
