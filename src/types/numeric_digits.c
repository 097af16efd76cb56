/*
 * types/numeric_digits.c — the one place s22a reads numeric's private
 * on-disk format: a numeric weight as an exact 128-bit integer mantissa at
 * its display scale, for apportion() (functions/apportion.c), and back.
 *
 * Why.  apportion() is an aggregate over (party, weight) rows, and most of
 * what it costs beyond sum() is getting each weight into a form it can
 * divide exactly.  Going through numeric's public functions (numeric_out
 * and a parse, or numeric_mul/numeric_trunc per row) copies and allocates
 * for every row; reading the digits in place does not.  The README's
 * benchmark (apportion over 50,000 groups at 1.19x sum()) rests on it.
 *
 * Which format.  numeric's varlena layout is defined in
 * src/backend/utils/adt/numeric.c (struct NumericData, NumericShort,
 * NumericLong) and is not exported by any header.  It has been stable since
 * PostgreSQL 9.1, which introduced the short header; PostgreSQL 14 added
 * the special values +/-Infinity in the NUMERIC_SPECIAL header form that
 * NaN already used.  Those are the forms read here:
 *   - short header (NUMERIC_SHORT): uint16 with sign, 6-bit display scale
 *     and 7-bit signed weight, then the base-10000 digits;
 *   - long header (NUMERIC_POS/NUMERIC_NEG): uint16 with sign and 14-bit
 *     display scale, int16 weight, then the digits;
 *   - special (NUMERIC_SPECIAL): NaN, +Infinity, -Infinity, refused.
 * The layout is fixed by on-disk compatibility: pg_upgrade keeps old
 * numeric values as they are, so every later release must still read these
 * forms, and s22a may read them too.  If a release ever changed the
 * format, pg_upgrade's own compatibility checks would refuse the upgrade
 * and this file (and test/numeric_digits.sql, which compares apportion()
 * over edge values with the plain-SQL reference) would be the one place to
 * change.  s22a is built and tested against PostgreSQL 15 (compat.h also
 * covers 16 and 17); each has this layout.
 *
 * The caller passes a packed (possibly short-varlena-header) value, never a
 * compressed or external one: PG_DETOAST_DATUM_PACKED.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "s22a.h"

/* PostgreSQL's numeric.c: its header bits (PostgreSQL 9.1 and later; specials from 14) */
#define NUMERIC_SIGN_MASK		0xC000
#define NUMERIC_NEG				0x4000
#define NUMERIC_SHORT			0x8000
#define NUMERIC_SPECIAL			0xC000
#define NUMERIC_SHORT_SIGN_MASK	0x2000
#define NUMERIC_SHORT_DSCALE_MASK 0x1F80
#define NUMERIC_SHORT_DSCALE_SHIFT 7
#define NUMERIC_SHORT_WEIGHT_SIGN_MASK 0x0040
#define NUMERIC_SHORT_WEIGHT_MASK 0x003F
#define NUMERIC_DSCALE_MASK		0x3FFF
#define NUMERIC_BASE			10000
#define NUMERIC_BASE_DIGITS		4

/* beyond this display scale the mantissa is too big for int128 anyway */
#define NUMERIC_DIGITS_MAX_SCALE 36

/*
 * The value of a packed numeric as mantissa / 10^scale, with scale its
 * display scale (what numeric_out prints), when |mantissa| < limit.
 * NUMERIC_DIGITS_SPECIAL for NaN and the infinities; NUMERIC_DIGITS_TOO_BIG
 * when the mantissa would reach limit (the caller then uses numeric's own
 * arithmetic).  A negative value gives a negative mantissa; zero gives 0
 * at its scale.
 */
NumericDigitsForm
numeric_digits_read(struct varlena *num, int128 limit, int128 *mantissa, int *scale)
{
	const char *p = VARDATA_ANY(num);
	int			size = VARSIZE_ANY_EXHDR(num);
	uint16		header;
	int16		weight;
	int			dscale,
				ndigits,
				exponent;
	bool		negative;
	int128		acc = 0;

	memcpy(&header, p, sizeof(uint16));
	if ((header & NUMERIC_SIGN_MASK) == NUMERIC_SPECIAL)
		return NUMERIC_DIGITS_SPECIAL;
	if ((header & NUMERIC_SIGN_MASK) == NUMERIC_SHORT)
	{
		negative = (header & NUMERIC_SHORT_SIGN_MASK) != 0;
		dscale = (header & NUMERIC_SHORT_DSCALE_MASK) >> NUMERIC_SHORT_DSCALE_SHIFT;
		weight = (header & NUMERIC_SHORT_WEIGHT_MASK);
		if (header & NUMERIC_SHORT_WEIGHT_SIGN_MASK)
			weight |= ~NUMERIC_SHORT_WEIGHT_MASK;
		p += sizeof(uint16);
		size -= sizeof(uint16);
	}
	else
	{
		negative = (header & NUMERIC_SIGN_MASK) == NUMERIC_NEG;
		dscale = header & NUMERIC_DSCALE_MASK;
		memcpy(&weight, p + sizeof(uint16), sizeof(int16));
		p += sizeof(uint16) + sizeof(int16);
		size -= sizeof(uint16) + sizeof(int16);
	}
	ndigits = size / (int) sizeof(int16);
	if (dscale > NUMERIC_DIGITS_MAX_SCALE)
		return NUMERIC_DIGITS_TOO_BIG;
	for (int i = 0; i < ndigits; i++)
	{
		int16		digit;

		memcpy(&digit, p + i * sizeof(int16), sizeof(int16));
		acc = acc * NUMERIC_BASE + digit;
		if (acc >= limit)
			return NUMERIC_DIGITS_TOO_BIG;
	}
	/* acc is the value times 10^exponent; bring it to 10^dscale */
	exponent = ndigits == 0 ? dscale : NUMERIC_BASE_DIGITS * (ndigits - 1 - weight);
	for (; exponent < dscale; exponent++)
	{
		acc *= 10;
		if (acc >= limit)
			return NUMERIC_DIGITS_TOO_BIG;
	}
	for (; exponent > dscale; exponent--)
		acc /= 10;				/* only zero digits lie beyond dscale */
	*mantissa = negative ? -acc : acc;
	*scale = dscale;
	return NUMERIC_DIGITS_FIT;
}

/*
 * mantissa / 10^scale as a numeric, through numeric's public input (no
 * private format on the way back).
 */
Numeric
numeric_digits_to_numeric(int128 mantissa, int scale)
{
	char		digits[64];
	char	   *p = digits + sizeof(digits) - 1;
	bool		neg = mantissa < 0;

	*p = '\0';
	if (neg)
		mantissa = -mantissa;
	do
	{
		*--p = '0' + (int) (mantissa % 10);
		mantissa /= 10;
	} while (mantissa > 0);
	return DatumGetNumeric(DirectFunctionCall3(numeric_in,
											   CStringGetDatum(psprintf("%s%sE-%d", neg ? "-" : "", p, scale)),
											   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
}
