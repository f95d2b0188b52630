# bench/bench.mk: `make bench`, eca audit against DuckDB and pandas on the
# same generated data (see bench/README.md). Included by the top Makefile.
BENCH_PY    ?= /usr/bin/python3
BENCH_DATA  ?= bench/data
BENCH_RUNS  ?= 5
BENCH_ECA_ROUNDS ?= 15
BENCH_SIZES ?= 1 5 20
BENCH_KINDS ?= monthly daily

.PHONY: bench-peers

$(BUILD)/bench-stages: bench/stages.c $(BUILD)/libeca.a
	$(CC) $(CFLAGS) $(ECA_CFLAGS) -Iengine -o $@ $< $(BUILD)/libeca.a \
	  $(LDOMP) $(LDLIBS)

bench-peers:
	sh bench/peers.sh

bench: $(BUILD)/eca $(BUILD)/bench-stages bench-peers
	$(BENCH_PY) bench/bench.py --eca $(BUILD)/eca \
	  --stages $(BUILD)/bench-stages --data $(BENCH_DATA) \
	  --runs $(BENCH_RUNS) --eca-rounds $(BENCH_ECA_ROUNDS) \
	  --sizes "$(BENCH_SIZES)" --kinds "$(BENCH_KINDS)"
