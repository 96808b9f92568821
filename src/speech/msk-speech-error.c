/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-speech-error.h"

G_DEFINE_QUARK (msk-speech-error-quark, msk_speech_error)
