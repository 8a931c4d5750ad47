#include "logging.h"

namespace spoor::ui {

Q_LOGGING_CATEGORY(lcMainWindow, "spoor.ui.window", QtInfoMsg)
Q_LOGGING_CATEGORY(lcJobs, "spoor.ui.jobs", QtInfoMsg)
Q_LOGGING_CATEGORY(lcModels, "spoor.ui.models", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTimeline, "spoor.ui.timeline", QtInfoMsg)

} // namespace spoor::ui
