/*
 * The clock of --count/--interval: the command runs at the start of each
 * interval, counted from the first run (a periodic CLOCK_MONOTONIC timer,
 * as dmsetup's timerfd), so the time the command takes is not added.
 */
#ifndef DMSETUP_REPEAT_H
#define DMSETUP_REPEAT_H

/* Starts the timer of opt.interval_ns; 0, or -errno (told). */
int interval_start(void);
/* Waits until the next interval begins (warns of missed ones); 0, or -errno (told). */
int interval_wait(void);
/* Stops the timer (after the last wait). */
void interval_stop(void);

#endif
