#pragma once

#include <QModelIndex>

class QAbstractItemModel;

namespace spoor::ui {

// Returns the finding row after (step 1) or before (step -1) `current` in the findings model's display
// order. Group rows are skipped and their findings visited, and the walk wraps around at either end. An invalid
// current index starts before the first (or after the last) finding. Returns an invalid index when the
// model lists no finding. A finding is a row without children at the top level or under a group.
QModelIndex adjacentFinding(const QAbstractItemModel& model, const QModelIndex& current, int step);

} // namespace spoor::ui
