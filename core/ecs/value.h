#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace spoor::ecs {

// A field value of a flattened ECS event: null, bool, 64-bit integer, double, UTF-8 string, or an
// array of those. Arrays hold scalars only; flattening turns arrays of objects into one array per leaf.
class Value
{
public:
    enum class Type { Null, Bool, Int, Double, String, Array };
    using Array = std::vector<Value>;

    Value() = default;
    Value(std::nullptr_t) {}
    Value(bool b) : data_(b) {}
    Value(int i) : data_(static_cast<std::int64_t>(i)) {}
    Value(std::int64_t i) : data_(i) {}
    Value(double d) : data_(d) {}
    Value(const char* s) : data_(std::string(s)) {}
    Value(std::string s) : data_(std::move(s)) {}
    Value(std::string_view s) : data_(std::string(s)) {}
    Value(Array a) : data_(std::move(a)) {}

    Type type() const { return static_cast<Type>(data_.index()); }
    bool isNull() const { return type() == Type::Null; }
    bool isBool() const { return type() == Type::Bool; }
    bool isInt() const { return type() == Type::Int; }
    bool isDouble() const { return type() == Type::Double; }
    bool isNumber() const { return isInt() || isDouble(); }
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::Array; }

    // Accessors require the matching type (checked by std::get).
    bool asBool() const { return std::get<bool>(data_); }
    std::int64_t asInt() const { return std::get<std::int64_t>(data_); }
    double asDouble() const { return std::get<double>(data_); }
    const std::string& asString() const { return std::get<std::string>(data_); }
    const Array& asArray() const { return std::get<Array>(data_); }
    Array& asArray() { return std::get<Array>(data_); }

    // Returns the numeric value of an Int or Double as a double.
    double toDouble() const { return isInt() ? static_cast<double>(asInt()) : asDouble(); }

    // Renders the value as EQL and Elasticsearch print it: strings unquoted, numbers in their shortest
    // form, booleans as true/false, null as "null", arrays as JSON.
    std::string toString() const;

    // Renders the value as JSON text.
    std::string toJson() const;

    // Structural equality: same type and same content. Int 1 and Double 1.0 are different values.
    friend bool operator==(const Value& a, const Value& b) { return a.data_ == b.data_; }

    // Total order for use as a map key: by type first, then by content.
    friend bool operator<(const Value& a, const Value& b) { return a.data_ < b.data_; }

private:
    std::variant<std::monostate, bool, std::int64_t, double, std::string, Array> data_;
};

} // namespace spoor::ecs
