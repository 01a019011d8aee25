/*
 * Fillers for getsockname and getpeername. libs' current exit events for them carry no
 * parameters (the address is in the caller's memory, and the socket's state already shows
 * in the tuples of the calls that use it), so the event only says the call happened.
 */

FILLER(getsockname_x)
{
	START(b, PPME_SOCKET_GETSOCKNAME_X);
	SUBMIT(b);
}

FILLER(getpeername_x)
{
	START(b, PPME_SOCKET_GETPEERNAME_X);
	SUBMIT(b);
}
