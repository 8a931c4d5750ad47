#include "ingest/hot_field_reader.h"

#include "ingest/document_decoder.h"

#include <cstdint>
#include <cstring>
#include <utility>

#ifdef SPOOR_HAVE_SIMDJSON
#include <simdjson.h>
#endif

namespace spoor::ingest {

#ifdef SPOOR_HAVE_SIMDJSON

namespace {

using ElementType = simdjson::dom::element_type;

// One step of the hot fields' dotted paths: the root, a prefix such as "process.parent", or a hot field.
struct PathNode
{
    // A child with the last part of its path, so that matching a key reads no other node.
    struct Child
    {
        std::string_view segment; // e.g. "parent" below "process"
        int node = 0;
    };

    std::string_view path; // from the root, e.g. "process.parent"
    int field = -1;        // the HotField that ends here, or -1 for a prefix
    std::vector<Child> children;
};

int findChild(const std::vector<PathNode>& nodes, int node, std::string_view segment)
{
    for (const PathNode::Child& child : nodes[static_cast<std::size_t>(node)].children) {
        if (child.segment == segment)
            return child.node;
    }
    return -1;
}

// Builds the tree of the hot fields' paths; node 0 is the root.
std::vector<PathNode> buildPathTree()
{
    std::vector<PathNode> nodes(1);
    for (std::size_t field = 0; field < hotFieldCount; ++field) {
        const std::string_view path = hotFieldPaths[field];
        int node = 0;
        std::size_t start = 0;
        while (start <= path.size()) {
            std::size_t end = path.find('.', start);
            if (end == std::string_view::npos)
                end = path.size();
            const std::string_view segment = path.substr(start, end - start);
            int child = findChild(nodes, node, segment);
            if (child < 0) {
                child = static_cast<int>(nodes.size());
                nodes.push_back({path.substr(0, end), -1, {}});
                nodes[static_cast<std::size_t>(node)].children.push_back({segment, child});
            }
            node = child;
            start = end + 1;
        }
        nodes[static_cast<std::size_t>(node)].field = static_cast<int>(field);
    }
    return nodes;
}

const std::vector<PathNode>& pathTree()
{
    static const std::vector<PathNode> tree = buildPathTree();
    return tree;
}

// Returns the child of `node` whose segment starts the key, ending at the key's end or at a dot, or nullptr.
const PathNode::Child* matchChild(const PathNode& node, std::string_view key)
{
    for (const PathNode::Child& child : node.children) {
        const std::string_view segment = child.segment;
        // Comparing the first byte inline first, because most keys of a document lead to no hot field.
        if (key.size() < segment.size() || key.front() != segment.front())
            continue;
        if (key.compare(0, segment.size(), segment) == 0 &&
            (key.size() == segment.size() || key[segment.size()] == '.'))
            return &child;
    }
    return nullptr;
}

// Returns the node that a key reaches from `node`, following each dotted part of the key, or -1 when the
// key leads to no hot field.
int follow(const std::vector<PathNode>& nodes, int node, std::string_view key)
{
    for (;;) {
        if (key.empty())
            return -1;
        const PathNode::Child* child = matchChild(nodes[static_cast<std::size_t>(node)], key);
        if (!child)
            return -1;
        if (child->segment.size() == key.size())
            return child->node;
        node = child->node;
        key.remove_prefix(child->segment.size() + 1);
    }
}

ScalarView scalarOf(simdjson::dom::element element)
{
    ScalarView scalar;
    switch (element.type()) {
    case ElementType::INT64:
        scalar.type = ScalarView::Type::Int;
        scalar.integer = element.get_int64().value_unsafe();
        break;
    case ElementType::UINT64: {
        // ecs::flatten keeps an unsigned number as Int when it fits, else as Double.
        const std::uint64_t value = element.get_uint64().value_unsafe();
        if (value <= static_cast<std::uint64_t>(INT64_MAX)) {
            scalar.type = ScalarView::Type::Int;
            scalar.integer = static_cast<std::int64_t>(value);
        } else {
            scalar.type = ScalarView::Type::Double;
            scalar.number = static_cast<double>(value);
        }
        break;
    }
    case ElementType::DOUBLE:
        scalar.type = ScalarView::Type::Double;
        scalar.number = element.get_double().value_unsafe();
        break;
    case ElementType::STRING:
        scalar.type = ScalarView::Type::String;
        scalar.text = element.get_string().value_unsafe();
        break;
    case ElementType::BOOL:
        scalar.type = ScalarView::Type::Bool;
        scalar.boolean = element.get_bool().value_unsafe();
        break;
    case ElementType::NULL_VALUE:
    case ElementType::ARRAY:
    case ElementType::OBJECT:
        break;
    }
    return scalar;
}

// Appends the scalars of an array and of the arrays nested in it, skipping nulls and objects as ecs::flatten
// does. Returns whether flattening creates the field, which it does when any of these arrays is empty or
// contains a scalar, null included. So [{}] creates nothing and [null] creates an empty array.
bool appendScalars(simdjson::dom::array array, std::vector<ScalarView>& scalars)
{
    bool empty = true;
    bool creates = false;
    for (const simdjson::dom::element element : array) {
        empty = false;
        switch (element.type()) {
        case ElementType::ARRAY:
            creates = appendScalars(element.get_array().value_unsafe(), scalars) || creates;
            break;
        case ElementType::OBJECT:
            break;
        case ElementType::NULL_VALUE:
            creates = true;
            break;
        default:
            creates = true;
            scalars.push_back(scalarOf(element));
            break;
        }
    }
    return creates || empty;
}

// Sets `view` to the value that ecs::flatten gives a hot field whose key has the value `element`. An object
// gives nothing, because no hot field continues below another. Filling the view in place instead of returning
// it saved about 3 % of the decoding time with GCC 12, which copied the returned view through the stack.
void readView(simdjson::dom::element element, std::vector<ScalarView>& scalars, FieldView& view)
{
    view.kind = FieldView::Kind::Absent;
    switch (element.type()) {
    case ElementType::OBJECT:
        break;
    case ElementType::ARRAY:
        scalars.clear();
        if (appendScalars(element.get_array().value_unsafe(), scalars)) {
            view.kind = FieldView::Kind::Array;
            view.elements = scalars;
        }
        break;
    default:
        view.kind = FieldView::Kind::Scalar;
        view.scalar = scalarOf(element);
        break;
    }
}

} // namespace

struct HotFieldReader::State
{
    // The value of one hot field in the document being read, and the object it was found in.
    struct Slot
    {
        simdjson::dom::element value;
        std::uint64_t frame = 0; // the object's frame number; below firstFrame when the document has none
    };

    bool walkObject(simdjson::dom::object object, int node, std::vector<std::string>& duplicates);

    simdjson::dom::parser parser;
    std::vector<char> padded; // the document followed by simdjson's required padding
    const std::vector<PathNode>& tree = pathTree();
    std::vector<std::uint64_t> seenInFrame = std::vector<std::uint64_t>(tree.size()); // per node
    std::array<Slot, hotFieldCount> slots;
    HotFieldArrays arrays;
    // Every object walked gets the next frame number, across documents, so no state needs clearing.
    std::uint64_t frames = 0;
    std::uint64_t firstFrame = 0; // of the document being read
};

// Records where each hot field below `node` is in the object. Returns false to decline the document.
bool HotFieldReader::State::walkObject(simdjson::dom::object object, int node, std::vector<std::string>& duplicates)
{
    const std::uint64_t frame = ++frames;
    for (const auto member : object) {
        const int target = follow(tree, node, member.key);
        if (target < 0)
            continue;
        const bool repeated = std::exchange(seenInFrame[static_cast<std::size_t>(target)], frame) == frame;
        const PathNode& reached = tree[static_cast<std::size_t>(target)];
        if (reached.field < 0) {
            const ElementType type = member.value.type();
            if (repeated || type == ElementType::ARRAY)
                return false;
            if (type == ElementType::OBJECT &&
                !walkObject(member.value.get_object().value_unsafe(), target, duplicates))
                return false;
            continue;
        }
        Slot& slot = slots[static_cast<std::size_t>(reached.field)];
        if (repeated)
            duplicates.emplace_back(reached.path);
        else if (slot.frame >= firstFrame)
            return false;
        slot.value = member.value;
        slot.frame = frame;
    }
    return true;
}

HotFieldReader::HotFieldReader() : state_(std::make_unique<State>())
{
    // Deeper or larger documents fail to parse and go to the flattening path, which gives the verdict.
    if (state_->parser.allocate(1 << 20, maxNestingDepth) != simdjson::SUCCESS)
        state_.reset();
}

HotFieldReader::Outcome HotFieldReader::read(std::string_view text)
{
    duplicateKeys_.clear();
    if (!state_)
        return Outcome::NotParsed;
    State& state = *state_;
    if (state.padded.size() < text.size() + simdjson::SIMDJSON_PADDING)
        state.padded.resize(text.size() + simdjson::SIMDJSON_PADDING);
    std::memcpy(state.padded.data(), text.data(), text.size());
    std::memset(state.padded.data() + text.size(), 0, simdjson::SIMDJSON_PADDING);
    simdjson::dom::element root;
    if (state.parser.parse(state.padded.data(), text.size(), false).get(root) != simdjson::SUCCESS || !root.is_object())
        return Outcome::NotParsed;

    state.firstFrame = state.frames + 1;
    if (!state.walkObject(root.get_object().value_unsafe(), 0, duplicateKeys_))
        return Outcome::Declined;
    for (std::size_t field = 0; field < hotFieldCount; ++field) {
        const State::Slot& slot = state.slots[field];
        FieldView& value = values_[static_cast<HotField>(field)];
        if (slot.frame >= state.firstFrame)
            readView(slot.value, state.arrays[field], value);
        else
            value.kind = FieldView::Kind::Absent;
    }
    return Outcome::Read;
}

#else

struct HotFieldReader::State
{
};

HotFieldReader::HotFieldReader() = default;

HotFieldReader::Outcome HotFieldReader::read(std::string_view)
{
    duplicateKeys_.clear();
    return Outcome::NotParsed;
}

#endif

HotFieldReader::~HotFieldReader() = default;

} // namespace spoor::ingest
