/*  zmsg: the formatted string frames. */

#include "shim.h"

FORMATTED_CALL (zmsg_pushstrf, zmsg_pushstr, zmsg_t)
FORMATTED_CALL (zmsg_addstrf, zmsg_addstr, zmsg_t)
