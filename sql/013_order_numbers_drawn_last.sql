-- Generated order numbers are drawn at the end of the create's transaction, not before its
-- INSERT. The counter row of a business and year (006) is locked from the draw until the
-- transaction ends, so concurrent creates of one business take turns for that span; drawn
-- first, the span was the whole create (the order, its items, the customer's figures and
-- every trigger of those) and a business's creates ran one at a time. Drawn last, it is this
-- function and the commit. The order is inserted under its own id as a provisional number
-- (unique, and never shown: the number is set before the transaction ends) and this
-- function gives it the next free number. Still no gaps: a create that fails rolls its draw
-- back with it.

-- SO-YYYY-NNNNNN, the year and the counter zero-padded to 4 and 6 digits and longer when
-- they are (domain::generated_order_number is the same rule; the seed uses that one).
CREATE FUNCTION generated_order_number(order_year integer, counter bigint) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT 'SO-' || lpad(order_year::text, greatest(4, length(order_year::text)), '0') || '-'
         || lpad(counter::text, greatest(6, length(counter::text)), '0')
$$;

-- Gives the order `order_id` of `business` the next generated number of `order_year` that no
-- order of the business has (a client may have given one in the pattern; up to 1,000 are
-- skipped) and returns it, or NULL when none of those was free.
CREATE FUNCTION assign_order_number(business text, order_id text, order_year integer)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  drawn bigint;
  number text;
BEGIN
  FOR attempt IN 1..1000 LOOP
    INSERT INTO order_number_counters (business_id, year, last_value)
      VALUES (business, order_year, 1)
      ON CONFLICT (business_id, year)
      DO UPDATE SET last_value = order_number_counters.last_value + 1
      RETURNING last_value INTO drawn;
    number := generated_order_number(order_year, drawn);
    IF NOT EXISTS (SELECT FROM orders WHERE business_id = business AND order_number = number) THEN
      UPDATE orders SET order_number = number WHERE business_id = business AND id = order_id;
      RETURN number;
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
