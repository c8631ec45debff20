/* The --interval clock (repeat.h). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <string.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "dmsetup.h"
#include "log.h"
#include "repeat.h"

static int timer_fd = -1;

int interval_start(void)
{
	struct itimerspec its = { 0 };

	if (timer_fd >= 0)
		return 0;
	if ((timer_fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC)) < 0) {
		int e = errno;

		log_err("Could not create timer: %s", strerror(e));
		return -e;
	}
	its.it_interval.tv_sec = (time_t)(opt.interval_ns / 1000000000u);
	its.it_interval.tv_nsec = (long)(opt.interval_ns % 1000000000u);
	its.it_value = its.it_interval;
	if (timerfd_settime(timer_fd, 0, &its, NULL) < 0) {
		int e = errno;

		log_err("Could not set interval timer: %s", strerror(e));
		interval_stop();
		return -e;
	}
	return 0;
}

int interval_wait(void)
{
	uint64_t expired = 0;
	ssize_t n;

	if (timer_fd < 0)
		return -EBADF;
	do
		n = read(timer_fd, &expired, sizeof(expired));
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		int e = errno;

		log_err("Interval timer wait failed: %s.", strerror(e));
		return -e;
	}
	if (expired > 1)
		log_err("WARNING: Try increasing --interval (%" PRIu64 " missed timer events).",
			expired - 1);
	return 0;
}

void interval_stop(void)
{
	if (timer_fd >= 0)
		close(timer_fd);
	timer_fd = -1;
}
