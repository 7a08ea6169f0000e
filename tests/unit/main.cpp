#define BOOST_TEST_MODULE customer_api_unit
#include <boost/test/unit_test.hpp>
