# Sourced by the topic benchmarks: recipe_sources MODEL sets SOURCES and WEIGHTS (comma-separated, in the order of
# the recipe's --data files) from a topic model's header, so that the baselines train on what the model trained on.
recipe_sources() {
    local header
    header=$(head -c 6000 "$1" | tr -d '\0' | sed -n 's/^recipe\.data\t//p')
    SOURCES=$(echo "$header" | tr ';' '\n' | sed -E 's/^ *([a-z-]+)\.pool\.jsonl.*/\1/' | paste -sd,)
    WEIGHTS=$(echo "$header" | grep -o 'weight [0-9.e-]*' | cut -d' ' -f2 | paste -sd,)
}
