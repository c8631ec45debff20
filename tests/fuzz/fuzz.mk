# GNU make: the libFuzzer builds of the fuzz targets (clang), for
# tests/fuzz/run.  make -f fuzz.mk SRCDIR=<top srcdir> OUT=<dir> CONFIG_H=<file>
#   [WARN_CFLAGS=...] [FUZZ_CC=clang] [TARGETS="size table ..."]
FUZZ_CC ?= clang
WARN_CFLAGS ?= -Wall -Wextra -Werror -Wno-unused-parameter
TARGETS ?= size columns table concise dmreply dmfields dmstatslist dmstatsprint dmstatsaux dmstatsbounds
SAN = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
PKG_CFLAGS := $(shell pkg-config --cflags smartcols json-c)
PKG_LIBS := $(shell pkg-config --libs smartcols json-c)
CFLAGS_ALL = -g -O1 $(WARN_CFLAGS) -include $(CONFIG_H) -I$(dir $(CONFIG_H)) -I$(SRCDIR)/common -I$(SRCDIR)/losetup \
	-I$(SRCDIR)/dmsetup -I$(SRCDIR)/tests/fuzz $(PKG_CFLAGS) $(SAN)

# everything but the target is built for coverage only (fuzzer-no-link)
LIB_SRCS = $(wildcard $(SRCDIR)/common/*.c) $(SRCDIR)/tests/fuzz/fuzz-common.c
EXTRA_columns = $(SRCDIR)/losetup/columns.c $(SRCDIR)/dmsetup/report.c \
	$(SRCDIR)/dmsetup/select.c $(SRCDIR)/dmsetup/regex.c $(SRCDIR)/dmsetup/json.c \
	$(SRCDIR)/dmsetup/options.c $(SRCDIR)/dmsetup/statsopts.c $(SRCDIR)/dmsetup/log.c
LIB_OBJS = $(patsubst $(SRCDIR)/%.c,$(OUT)/obj/%.o,$(LIB_SRCS))
obj = $(patsubst $(SRCDIR)/%.c,$(OUT)/obj/%.o,$(1))

all: $(addprefix $(OUT)/fuzz-,$(TARGETS))

$(OUT)/obj/%.o: $(SRCDIR)/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CFLAGS_ALL) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

.SECONDEXPANSION:
$(OUT)/fuzz-%: $(OUT)/obj/tests/fuzz/fuzz-%.o $$(call obj,$$(EXTRA_$$*)) $(LIB_OBJS)
	$(FUZZ_CC) $(SAN) -fsanitize=fuzzer $^ $(PKG_LIBS) -o $@

-include $(shell find $(OUT)/obj -name '*.d' 2>/dev/null)
.PHONY: all
